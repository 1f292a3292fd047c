import type { CommandIO } from './io.js';
import type { CommonOptions } from './options.js';
import { loadObjects } from './scenario.js';

/** `podsim validate -f PATH...`: loads and validates without simulating; errors go to stderr and exit 1. */
export async function validate(options: CommonOptions, io: CommandIO): Promise<number> {
  const objects = await loadObjects(options, io);
  for (const object of objects) {
    io.stdout(`${object.kind.toLowerCase()}/${object.metadata.name ?? ''} valid\n`);
  }
  return 0;
}
