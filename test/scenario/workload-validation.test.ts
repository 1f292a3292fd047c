import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadScenario } from '../../src/scenario/load.js';
import { quantityError } from '../../src/scenario/quantity.js';

const QUANTITY_MESSAGE = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const PERCENT_MESSAGE =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** Builds a Deployment manifest with `specLines` under `spec:` and `containerLines` under its container. */
function deployment(specLines: string[] = [], containerLines: string[] = [], selector = ['  selector:', '    matchLabels: {app: web}']): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    ...specLines,
    ...selector,
    '  template:',
    '    metadata:',
    '      labels: {app: web}',
    '    spec:',
    '      containers:',
    '      - name: app',
    '        image: nginx',
    ...containerLines,
    '',
  ].join('\n');
}

function settings(specLine: string): string {
  return ['apiVersion: podsim.io/v1alpha1', 'kind: ClusterSettings', 'metadata:', '  name: settings', 'spec:', `  ${specLine}`, ''].join('\n');
}

function service(specLines: string[]): string {
  return ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', 'spec:', ...specLines, ''].join('\n');
}

/** Loads `text` as standard input and returns the error texts. */
function loadErrors(text: string): string[] {
  return loadScenario(['-'], { stdin: text }).errors.map((error) => error.text);
}

describe('workload spec validation', () => {
  const cases: Array<{ name: string; text: string; expected: string }> = [
    {
      name: 'template cpu request 2x',
      text: deployment([], ['        resources:', '          requests:', '            cpu: 2x']),
      expected: `<stdin>:17:13: Deployment in version "v1" cannot be handled as a Deployment: ${QUANTITY_MESSAGE}`,
    },
    {
      name: 'template memory limit 1x',
      text: deployment([], ['        resources:', '          limits:', '            memory: 1x']),
      expected: `<stdin>:17:13: Deployment in version "v1" cannot be handled as a Deployment: ${QUANTITY_MESSAGE}`,
    },
    {
      name: 'negative memory request',
      text: deployment([], ['        resources:', '          requests:', '            memory: -5Gi']),
      expected:
        '<stdin>:17:13: The Deployment "web" is invalid: spec.template.spec.containers[0].resources.requests[memory]: Invalid value: "-5Gi": must be greater than or equal to 0',
    },
    {
      name: 'request above limit',
      text: deployment([], ['        resources:', '          requests: {cpu: "2"}', '          limits: {cpu: "1"}']),
      expected:
        '<stdin>:16:22: The Deployment "web" is invalid: spec.template.spec.containers[0].resources.requests[cpu]: Invalid value: "2": must be less than or equal to cpu limit of 1',
    },
    {
      name: 'maxUnavailable abc',
      text: deployment(['  strategy:', '    rollingUpdate:', '      maxUnavailable: abc']),
      expected: `<stdin>:8:7: The Deployment "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"abc"}: ${PERCENT_MESSAGE}`,
    },
    {
      name: 'revisionHistoryLimit negative',
      text: deployment(['  revisionHistoryLimit: -1']),
      expected: '<stdin>:6:3: The Deployment "web" is invalid: spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0',
    },
    {
      name: 'replicas negative',
      text: deployment(['  replicas: -3']),
      expected: '<stdin>:6:3: The Deployment "web" is invalid: spec.replicas: Invalid value: -3: must be greater than or equal to 0',
    },
    {
      name: 'replicas above int32',
      text: deployment(['  replicas: 99999999999999999999']),
      expected:
        '<stdin>:6:3: Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 100000000000000000000 into Go struct field DeploymentSpec.spec.replicas of type int32',
    },
    {
      name: 'strategy type Blue',
      text: deployment(['  strategy:', '    type: Blue']),
      expected:
        '<stdin>:6:3: The Deployment "web" is invalid: spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"Blue", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
    },
    {
      name: 'Recreate with rollingUpdate',
      text: deployment(['  strategy:', '    type: Recreate', '    rollingUpdate:', '      maxSurge: 1']),
      expected:
        "<stdin>:8:5: The Deployment \"web\" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    },
    {
      name: 'maxUnavailable 120%',
      text: deployment(['  strategy:', '    rollingUpdate:', '      maxUnavailable: 120%']),
      expected:
        '<stdin>:8:7: The Deployment "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%',
    },
    {
      name: 'minReadySeconds negative',
      text: deployment(['  minReadySeconds: -5']),
      expected: '<stdin>:6:3: The Deployment "web" is invalid: spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0',
    },
    {
      name: 'progressDeadline not above minReady',
      text: deployment(['  minReadySeconds: 700', '  progressDeadlineSeconds: 700']),
      expected: '<stdin>:7:3: The Deployment "web" is invalid: spec.progressDeadlineSeconds: Invalid value: 700: must be greater than minReadySeconds',
    },
    {
      name: 'empty selector',
      text: deployment([], [], ['  selector: {}']),
      expected:
        '<stdin>:6:3: The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    },
    {
      name: 'selector operator Maybe',
      text: deployment([], [], ['  selector:', '    matchExpressions:', '    - key: app', '      operator: Maybe', '      values: [web]']),
      expected:
        '<stdin>:9:7: The Deployment "web" is invalid: [spec.selector.matchExpressions[0].operator: Invalid value: "Maybe": not a valid selector operator, ' +
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"Maybe", Values:[]string{"web"}}}}: invalid label selector]',
    },
    {
      name: 'service port 70000',
      text: service(['  selector: {app: web}', '  ports:', '  - port: 70000', '    targetPort: 8080']),
      expected: '<stdin>:8:5: The Service "web" is invalid: spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
    },
    {
      name: 'service without ports',
      text: service(['  selector: {app: web}']),
      expected: '<stdin>:5:1: The Service "web" is invalid: spec.ports: Required value',
    },
  ];
  for (const { name, text, expected } of cases) {
    test(name, () => {
      assert.deepEqual(loadErrors(text), [expected]);
    });
  }

  test('ReplicaSet replicas negative', () => {
    const text = deployment(['  replicas: -3']).replace('kind: Deployment', 'kind: ReplicaSet');
    assert.deepEqual(loadErrors(text), ['<stdin>:6:3: The ReplicaSet "web" is invalid: spec.replicas: Invalid value: -3: must be greater than or equal to 0']);
  });

  test('headless service without ports is valid', () => {
    assert.deepEqual(loadErrors(service(['  clusterIP: None', '  selector: {app: web}'])), []);
  });

  test('valid deployment loads', () => {
    assert.deepEqual(loadErrors(deployment(['  replicas: 2'], ['        resources:', '          requests:', '            cpu: 250m'])), []);
  });
});

describe('ClusterSettings validation', () => {
  const prefix = '<stdin>:6:11: The ClusterSettings "settings" is invalid: ';
  const cases: Array<{ line: string; expected: string }> = [
    { line: 'nodes: {cpu: abc}', expected: `${prefix}spec.nodes.cpu: Invalid value: "abc": ${QUANTITY_MESSAGE}` },
    { line: 'nodes: {memory: 1x}', expected: `${prefix}spec.nodes.memory: Invalid value: "1x": ${QUANTITY_MESSAGE}` },
    { line: 'nodes: {count: 0}', expected: `${prefix}spec.nodes.count: Invalid value: 0: must be an integer between 1 and 10000, inclusive` },
    { line: 'nodes: {count: -1}', expected: `${prefix}spec.nodes.count: Invalid value: -1: must be an integer between 1 and 10000, inclusive` },
    { line: 'nodes: {count: 2.5}', expected: `${prefix}spec.nodes.count: Invalid value: 2.5: must be an integer between 1 and 10000, inclusive` },
    {
      line: 'nodes: {count: 100000000}',
      expected: `${prefix}spec.nodes.count: Invalid value: 100000000: must be an integer between 1 and 10000, inclusive`,
    },
    {
      line: 'controllerManager: {kubeAPIQPS: abc}',
      expected: '<stdin>:6:23: The ClusterSettings "settings" is invalid: spec.controllerManager.kubeAPIQPS: Invalid value: "abc": must be a number',
    },
    {
      line: 'scheduler: {kubeAPIBurst: abc}',
      expected: '<stdin>:6:15: The ClusterSettings "settings" is invalid: spec.scheduler.kubeAPIBurst: Invalid value: "abc": must be an integer',
    },
    {
      line: 'nodeMonitorGracePeriodSeconds: -1',
      expected: '<stdin>:6:3: The ClusterSettings "settings" is invalid: spec.nodeMonitorGracePeriodSeconds: Invalid value: -1: must be greater than or equal to 0',
    },
  ];
  for (const { line, expected } of cases) {
    test(line, () => {
      assert.deepEqual(loadErrors(settings(line)), [expected]);
    });
  }

  test('valid settings load', () => {
    assert.deepEqual(loadErrors(settings('nodes: {count: 5, cpu: "8", memory: 16Gi}')), []);
  });

  test('a misspelt field is named, not ignored', () => {
    const errors = loadErrors(settings('nodez: {count: 1}'));
    assert.equal(errors.length, 1);
    assert.match(errors[0], /spec\.nodez: Forbidden: unknown field; known fields are runtimeConfig, /);
  });

  test('a negative QPS, which turns the limit off, loads', () => {
    assert.deepEqual(loadErrors(settings('controllerManager: {kubeAPIQPS: -1}')), []);
  });
});

describe('quantityError', () => {
  test('accepts valid quantities', () => {
    for (const value of ['1', '500m', '1.5Gi', '2e3', '0.25', 4, '+1k', '-5Gi']) {
      assert.equal(quantityError(value), undefined, String(value));
    }
  });
  test('rejects bad format', () => {
    for (const value of ['2x', 'abc', '', '1.2.3']) {
      assert.equal(quantityError(value), QUANTITY_MESSAGE, value);
    }
  });
  test('rejects unknown suffix', () => {
    assert.equal(quantityError('5GG'), "unable to parse quantity's suffix");
  });
});

test('node capacity cpu abc', () => {
  const text = ['apiVersion: v1', 'kind: Node', 'metadata: {name: n1}', 'status:', '  capacity: {cpu: abc}', ''].join('\n');
  assert.deepEqual(loadErrors(text), [`<stdin>:5:14: Node in version "v1" cannot be handled as a Node: ${QUANTITY_MESSAGE}`]);
});
