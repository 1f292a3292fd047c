/**
 * Benchmark worker thread. Protocol with run.ts:
 *   main → worker  workerData: WorkerTask
 *   worker → main  { type: 'built', buildMs }      every shard built
 *   main → worker  'go'                            start the timed run
 *   worker → main  { type: 'progress', fraction }  after each run chunk, fraction of this worker's shards
 *   worker → main  { type: 'done', results }       ShardRunResult per shard
 *   worker → main  { type: 'error', message }
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { EngineKind } from '../engine/types.js';
import { buildShard, runShard, type BuiltShard, type FleetSource, type ShardRunResult, type ShardSpec } from './shard.js';

export interface WorkerTask {
  engine: EngineKind;
  source: FleetSource;
  shards: ShardSpec[];
  durationMs: number;
  quietTicks: boolean;
}

export type WorkerMessage =
  | { type: 'built'; buildMs: number }
  | { type: 'progress'; fraction: number }
  | { type: 'done'; results: ShardRunResult[] }
  | { type: 'error'; message: string };

async function serve(task: WorkerTask): Promise<void> {
  const port = parentPort!;
  const built: BuiltShard[] = [];
  for (const spec of task.shards) built.push(await buildShard(task.engine, task.source, spec, task.quietTicks));
  const go = new Promise<void>((resolve) => port.once('message', () => resolve()));
  port.postMessage({ type: 'built', buildMs: built.reduce((sum, shard) => sum + shard.buildMs, 0) } satisfies WorkerMessage);
  await go;

  const results: ShardRunResult[] = [];
  built.forEach((shard, i) => {
    const report = (fraction: number) =>
      port.postMessage({ type: 'progress', fraction: (i + fraction) / built.length } satisfies WorkerMessage);
    results.push(runShard(shard, task.durationMs, report));
  });
  port.postMessage({ type: 'done', results } satisfies WorkerMessage);
}

serve(workerData as WorkerTask).catch((error: unknown) => {
  parentPort!.postMessage({ type: 'error', message: error instanceof Error ? error.stack ?? error.message : String(error) } satisfies WorkerMessage);
});
