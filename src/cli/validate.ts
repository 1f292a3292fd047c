import { qualifiedSingular } from '../cluster/store/resources.js';
import type { CommandIO } from './io.js';
import type { CommonOptions } from './options.js';
import { loadObjects } from './scenario.js';

/**
 * `podsim validate -f PATH...`: loads and validates without simulating, and
 * prints one `kind.group/name valid` line per object. Errors go to stderr
 * with exit code 1.
 */
export async function validate(options: CommonOptions, io: CommandIO): Promise<number> {
  const objects = await loadObjects(options, io);
  for (const object of objects) {
    io.stdout(`${qualifiedSingular(object.kind)}/${object.metadata.name ?? ''} valid\n`);
  }
  return 0;
}
