import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadScenario } from '../../src/scenario/index.js';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx
`;

function tempFolder(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'podsim-load-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(folder, name, '..'), { recursive: true });
    writeFileSync(join(folder, name), text);
  }
  return folder;
}

function names(result: ReturnType<typeof loadScenario>): string[] {
  return result.objects.map((loaded) => `${loaded.object.kind}/${loaded.object.metadata.name}`);
}

describe('loadScenario input forms', () => {
  const cases: Array<{ name: string; text: string; expected: string[] }> = [
    { name: 'single document', text: POD, expected: ['Pod/web'] },
    {
      name: 'multi-document YAML',
      text: `${POD}---\n${POD.replace('name: web', 'name: db')}---\n`,
      expected: ['Pod/web', 'Pod/db'],
    },
    {
      name: 'flow-style YAML',
      text: '---\n{\n  apiVersion: "v1",\n  kind: "Pod",\n  metadata: { name: "flow", },\n  spec: { containers: [{ name: "a", image: "busybox", },], },\n}\n',
      expected: ['Pod/flow'],
    },
    {
      name: 'JSON',
      text: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'json' }, spec: { containers: [{ name: 'a', image: 'busybox' }] } }),
      expected: ['Pod/json'],
    },
    {
      name: 'v1 List',
      text: `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata: {name: one}
  spec: {containers: [{name: a, image: busybox}]}
- apiVersion: v1
  kind: Service
  metadata: {name: svc}
  spec: {ports: [{port: 80}]}
`,
      expected: ['Pod/one', 'Service/svc'],
    },
    { name: 'empty documents skipped', text: `---\n---\n${POD}...\n`, expected: ['Pod/web'] },
  ];
  for (const { name, text, expected } of cases) {
    test(name, () => {
      const folder = tempFolder({ 'input.yaml': text });
      const result = loadScenario([join(folder, 'input.yaml')]);
      assert.deepEqual(result.errors.map((e) => e.text), []);
      assert.deepEqual(names(result), expected);
    });
  }

  test('stdin via dash', () => {
    const result = loadScenario(['-'], { stdin: POD });
    assert.deepEqual(names(result), ['Pod/web']);
    assert.equal(result.objects[0]!.source.file, '<stdin>');
  });

  test('folder sorted, not recursive', () => {
    const folder = tempFolder({
      'b.yaml': POD.replace('name: web', 'name: b'),
      'a.yml': POD.replace('name: web', 'name: a'),
      'c.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }),
      'notes.txt': 'not a manifest',
      'sub/d.yaml': POD.replace('name: web', 'name: d'),
    });
    assert.deepEqual(names(loadScenario([folder])), ['Pod/a', 'Pod/b', 'ConfigMap/c']);
    assert.deepEqual(names(loadScenario([folder], { recursive: true })), ['Pod/a', 'Pod/b', 'ConfigMap/c', 'Pod/d']);
  });

  test('missing path reported', () => {
    const result = loadScenario(['/nonexistent/podsim.yaml']);
    assert.equal(result.errors[0]!.text, '/nonexistent/podsim.yaml: the path "/nonexistent/podsim.yaml" does not exist');
  });

  test('source records document and item index', () => {
    const folder = tempFolder({ 'x.yaml': `${POD}---\napiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: cm}}\n` });
    const result = loadScenario([join(folder, 'x.yaml')]);
    assert.equal(result.objects[1]!.source.documentIndex, 1);
    assert.equal(result.objects[1]!.source.itemIndex, 0);
  });

  test('positionOf maps field paths', () => {
    const result = loadScenario(['-'], { stdin: POD });
    const source = result.objects[0]!.source;
    assert.deepEqual(source.positionOf('spec.containers[0].image'), { line: 8, column: 5 });
    assert.deepEqual(source.positionOf('spec.containers[0]'), { line: 7, column: 5 });
    // A missing field maps to its nearest existing ancestor.
    assert.deepEqual(source.positionOf('spec.containers[0].livenessProbe.exec'), { line: 7, column: 5 });
  });
});

describe('loadScenario errors', () => {
  const cases: Array<{ name: string; text: string; expected: string }> = [
    {
      name: 'YAML syntax error',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [web\n',
      expected: 'f.yaml:5:1: Flow sequence in block collection must be sufficiently indented and end with a ]',
    },
    {
      name: 'duplicate key',
      text: 'apiVersion: v1\nkind: Pod\nkind: Pod\n',
      expected: 'f.yaml:3:1: Map keys must be unique',
    },
    {
      name: 'unknown kind',
      text: 'apiVersion: bar/v1\nkind: Foo\nmetadata:\n  name: x\n',
      expected: 'f.yaml:2:1: resource mapping not found for name: "x" namespace: "" from "f.yaml": no matches for kind "Foo" in version "bar/v1"',
    },
    {
      name: 'known kind, wrong version',
      text: 'apiVersion: v1\nkind: Deployment\nmetadata:\n  name: x\n',
      expected: 'f.yaml:2:1: resource mapping not found for name: "x" namespace: "" from "f.yaml": no matches for kind "Deployment" in version "v1"',
    },
    {
      name: 'missing apiVersion and kind',
      text: 'metadata:\n  name: x\n',
      expected: 'f.yaml:1:1: error validating data: [apiVersion not set, kind not set]',
    },
    {
      name: 'unknown field',
      text: POD + '    livenessprobe:\n      exec: {command: [true]}\n',
      expected:
        'f.yaml:9:5: Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].livenessprobe"',
    },
    {
      name: 'two unknown fields',
      text: POD.replace('spec:\n', 'spec:\n  restartpolicy: Never\n') + '    imagepullpolicy: Always\n',
      expected:
        'f.yaml:6:3: Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.restartpolicy", unknown field "spec.containers[0].imagepullpolicy"',
    },
    {
      name: 'wrong value type',
      text: POD + '    ports:\n    - containerPort: "80"\n',
      expected:
        'f.yaml:10:7: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    },
    {
      name: 'missing image',
      text: POD.replace('    image: nginx\n', ''),
      expected: 'f.yaml:7:5: The Pod "web" is invalid: spec.containers[0].image: Required value',
    },
    {
      name: 'several field errors',
      text: POD.replace('    image: nginx\n', '').replace('spec:\n', 'spec:\n  restartPolicy: Sometimes\n'),
      expected:
        'f.yaml:8:5: The Pod "web" is invalid: [spec.containers[0].image: Required value, spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"]',
    },
    {
      name: 'template field path prefixed',
      text: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
`,
      expected: 'f.yaml:13:9: The Deployment "web" is invalid: spec.template.spec.containers[0].image: Required value',
    },
    {
      name: 'selector does not match labels',
      text: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: other}
    spec:
      containers:
      - {name: app, image: nginx}
`,
      expected:
        'f.yaml:10:7: The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
    },
    {
      name: 'Job needs restartPolicy',
      text: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: busybox}]\n',
      expected:
        'f.yaml:6:5: The Job "j" is invalid: spec.template.spec.restartPolicy: Required value',
    },
  ];
  for (const { name, text, expected } of cases) {
    test(name, () => {
      const result = loadScenario(['-'], { stdin: text });
      assert.equal(result.objects.length, 0);
      assert.equal(result.errors.length, 1);
      assert.equal(result.errors[0]!.text.replace('<stdin>', 'f.yaml').replaceAll('"<stdin>"', '"f.yaml"'), expected);
    });
  }

  test('valid objects survive an invalid neighbor', () => {
    const result = loadScenario(['-'], { stdin: `${POD}---\napiVersion: v1\nkind: Pod\nmetadata: {name: bad}\nspec: {containers: []}\n` });
    assert.deepEqual(names(result), ['Pod/web']);
    assert.equal(result.errors[0]!.message, 'The Pod "bad" is invalid: spec.containers: Required value');
  });
});
