import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { loadScenario } from '../../src/scenario/index.js';

const CORPUS = fileURLToPath(new URL('../data/k8s-examples', import.meta.url));
const MISSPELLED = 'kubernetes-website-older-revisions/ef6668539c37efab4338ff05728fcdd3d97c2bc1/content/en/examples/pods/probe/grpc-liveness.yaml';

function manifests(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? manifests(join(folder, entry.name)) : [join(folder, entry.name)]))
    .filter((path) => path.endsWith('.yaml'))
    .sort();
}

describe('upstream example corpus', () => {
  const files = manifests(CORPUS);

  test('corpus copy present', () => {
    assert.equal(files.length, 47);
  });

  for (const file of files) {
    const name = relative(CORPUS, file);
    if (name === MISSPELLED) continue;
    test(`loads ${name}`, () => {
      const result = loadScenario([file]);
      assert.deepEqual(result.errors.map((e) => e.text), []);
      assert.ok(result.objects.length > 0);
    });
  }

  test('rejects misspelled gRPC probe', () => {
    const file = join(CORPUS, MISSPELLED);
    const result = loadScenario([file]);
    assert.equal(result.objects.length, 0);
    assert.deepEqual(
      result.errors.map((e) => e.text),
      [`${file}:13:7: Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].livenessProbe.gRPC"`],
    );
  });
});
