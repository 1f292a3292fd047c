import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { engineContainerSlots, enginePodSlots } from '../../../src/cluster/capacity.js';
import { Simulation } from '../../../src/cluster/simulation.js';
import { loadScenario } from '../../../src/scenario/load.js';

const root = new URL('../../../scenarios/', import.meta.url).pathname;

/** Returns every scenario: the files at the top, each folder as one scenario, and the files of scenarios/controllers one by one. */
function scenarios(): string[] {
  const paths: string[] = [];
  for (const entry of readdirSync(root).sort()) {
    const path = join(root, entry);
    if (entry === 'controllers') for (const file of readdirSync(path).sort()) paths.push(join(path, file));
    else paths.push(path);
  }
  return paths.filter((path) => statSync(path).isDirectory() || path.endsWith('.yaml'));
}

async function run(path: string, syncEveryObject: boolean): Promise<{ events: string; objects: string }> {
  const { objects, errors } = loadScenario([path]);
  assert.deepEqual(errors, []);
  const kubeObjects = objects.map((entry) => entry.object);
  const simulation = await Simulation.create({ engine: 'wasm', syncEveryObject, maxPods: enginePodSlots(kubeObjects), maxContainers: engineContainerSlots(kubeObjects) });
  simulation.apply(kubeObjects, path);
  simulation.advanceTo(10 * 60 * 1000);
  return {
    events: JSON.stringify(simulation.events()),
    objects: JSON.stringify(simulation.controlPlane.store.all().map((object) => [object.kind, object.metadata.namespace, object.metadata.name, object])),
  };
}

for (const path of scenarios()) {
  test(`syncing only queued objects matches syncing every object: ${path.slice(root.length)}`, async () => {
    const queued = await run(path, false);
    const everything = await run(path, true);
    assert.equal(queued.events, everything.events);
    assert.equal(queued.objects, everything.objects);
  });
}
