import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import type { Pod } from '../../src/api/v1.js';
import { behaviorFor } from '../../src/behavior/index.js';
import { defaultPod, loadScenario } from '../../src/scenario/index.js';

const SCENARIOS = fileURLToPath(new URL('../../scenarios', import.meta.url));

describe('example scenarios', () => {
  const entries = readdirSync(SCENARIOS).sort();
  for (const entry of entries) {
    test(`loads ${entry}`, () => {
      const result = loadScenario([join(SCENARIOS, entry)]);
      assert.deepEqual(result.errors.map((e) => e.text), []);
      assert.ok(result.objects.length > 0);
    });
  }

  test('default pods need no guessing', () => {
    const result = loadScenario([join(SCENARIOS, 'default')]);
    for (const { object } of result.objects) {
      const pod = defaultPod(object as Pod, { seed: 1 });
      for (const container of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
        const { warnings } = behaviorFor(pod, container, { seed: 1 });
        const expected = pod.metadata.name === 'waits-for-db' ? 1 : 0;
        assert.equal(warnings.length, container.name === 'wait-for-db' ? expected : 0, `${pod.metadata.name}/${container.name}: ${warnings.join('; ')}`);
      }
    }
  });
});
