/**
 * Simulates every scenario and compares `describe pod` for each of its pods
 * with what the real kubectl prints for the same Pod and Events, served from
 * a read-only API server on 127.0.0.1 (test/printers/kubectlOracle.ts).
 * kubectl measures ages against the real clock. So the simulation's epoch is
 * set 20 minutes before the real time, where ages print in whole minutes.
 * podsim's text is computed for the moments just before and just after
 * kubectl ran, and one of the two must match.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import type { Pod } from '../../src/api/v1.js';
import { Simulation } from '../../src/cluster/simulation.js';
import { describePod } from '../../src/printers/index.js';
import { loadScenario } from '../../src/scenario/load.js';
import { findKubectl, startKubectlOracle, type KubectlOracle } from '../printers/kubectlOracle.js';

const kubectl = findKubectl();
const skip = kubectl ? false : 'kubectl is not on PATH or does not run; set PODSIM_ORACLE_KUBECTL to a kubectl binary';

const SCENARIOS = readdirSync('scenarios')
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => join('scenarios', name))
  .concat('scenarios/default');
const AT_MS = 4 * 60_000;
const EPOCH_OFFSET_MS = 20 * 60_000;

for (const scenario of SCENARIOS) {
  describe(`describe matches kubectl for ${scenario}`, { skip }, () => {
    let oracle: KubectlOracle;
    let simulation: Simulation;

    before(async () => {
      const loaded = loadScenario([scenario]);
      assert.deepEqual(loaded.errors, []);
      const epochMs = Math.floor((Date.now() - AT_MS - EPOCH_OFFSET_MS) / 1000) * 1000;
      simulation = await Simulation.create({ epochMs });
      simulation.apply(loaded.objects.map((object) => object.object));
      simulation.advanceTo(AT_MS);
      oracle = await startKubectlOracle(kubectl as string, { pods: simulation.pods(), events: simulation.events() });
    });

    after(async () => {
      await oracle?.close();
    });

    it('every pod', async () => {
      assert.ok(simulation.pods().length > 0);
      for (const pod of simulation.pods()) {
        await assertDescribeMatches(oracle, simulation, pod);
      }
    });
  });
}

async function assertDescribeMatches(oracle: KubectlOracle, simulation: Simulation, pod: Pod): Promise<void> {
  const name = pod.metadata.name ?? '';
  const events = simulation.eventsFor(pod);
  const startedMs = Date.now();
  const result = await oracle.run(['describe', 'pod', name, '-n', pod.metadata.namespace ?? 'default']);
  const finishedMs = Date.now();
  assert.equal(result.status, 0, `kubectl describe pod ${name} failed: ${result.stderr}`);

  const early = describePod(pod, events, startedMs);
  if (early === result.stdout) return;
  assert.equal(describePod(pod, events, finishedMs), result.stdout, `describe pod ${name}`);
}
