import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../src/api/v1.js';
import { defaultPod, formatAggregate, formatInvalidObject, validatePod } from '../../src/scenario/index.js';

function pod(spec: Record<string, unknown>, name = 'web'): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec } } as Pod;
}

function messages(input: Pod): string[] {
  return validatePod(defaultPod(input, { seed: 1 })).map((e) => `${e.field}: ${formatAggregate([e]).slice(e.field.length + 2)}`);
}

const SUBDOMAIN_HINT =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_HINT =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

describe('validatePod messages', () => {
  const probe = (extra: Record<string, unknown>) => ({ exec: { command: ['true'] }, ...extra });
  const cases: Array<{ name: string; input: Pod; expected: string[] }> = [
    { name: 'valid pod', input: pod({}), expected: [] },
    { name: 'name not a subdomain', input: pod({}, 'Web_1'), expected: [`metadata.name: Invalid value: "Web_1": ${SUBDOMAIN_HINT}`] },
    {
      name: 'name missing',
      input: { ...pod({}), metadata: {} },
      expected: ['metadata.name: Required value: name or generateName is required'],
    },
    { name: 'containers missing', input: pod({ containers: [] }), expected: ['spec.containers: Required value'] },
    {
      name: 'container name not a label',
      input: pod({ containers: [{ name: 'App', image: 'nginx' }] }),
      expected: [`spec.containers[0].name: Invalid value: "App": ${LABEL_HINT}`],
    },
    {
      name: 'container name missing',
      input: pod({ containers: [{ image: 'nginx' }] }),
      expected: ['spec.containers[0].name: Required value'],
    },
    {
      name: 'duplicate across init and app',
      input: pod({ initContainers: [{ name: 'app', image: 'busybox' }] }),
      expected: ['spec.initContainers[0].name: Duplicate value: "app"'],
    },
    {
      name: 'duplicate app containers',
      input: pod({ containers: [{ name: 'a', image: 'x' }, { name: 'a', image: 'y' }] }),
      expected: ['spec.containers[1].name: Duplicate value: "a"'],
    },
    {
      name: 'restartPolicy unsupported',
      input: pod({ restartPolicy: 'Sometimes' }),
      expected: ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    },
    {
      name: 'liveness successThreshold',
      input: pod({ containers: [{ name: 'app', image: 'nginx', livenessProbe: probe({ successThreshold: 2 }) }] }),
      expected: ['spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1'],
    },
    {
      name: 'startup successThreshold',
      input: pod({ containers: [{ name: 'app', image: 'nginx', startupProbe: probe({ successThreshold: 3 }) }] }),
      expected: ['spec.containers[0].startupProbe.successThreshold: Invalid value: 3: must be 1'],
    },
    {
      name: 'readiness successThreshold allowed',
      input: pod({ containers: [{ name: 'app', image: 'nginx', readinessProbe: probe({ successThreshold: 3 }) }] }),
      expected: [],
    },
    {
      name: 'probe without handler',
      input: pod({ containers: [{ name: 'app', image: 'nginx', livenessProbe: { periodSeconds: 5 } }] }),
      expected: ['spec.containers[0].livenessProbe: Required value: must specify a handler type'],
    },
    {
      name: 'probe with two handlers',
      input: pod({ containers: [{ name: 'app', image: 'nginx', readinessProbe: { exec: { command: ['true'] }, tcpSocket: { port: 80 } } }] }),
      expected: ['spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type'],
    },
    {
      name: 'readiness terminationGracePeriodSeconds',
      input: pod({ containers: [{ name: 'app', image: 'nginx', readinessProbe: probe({ terminationGracePeriodSeconds: 10 }) }] }),
      expected: ['spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 10: must not be set for readinessProbes'],
    },
    {
      name: 'negative probe fields',
      input: pod({ containers: [{ name: 'app', image: 'nginx', livenessProbe: probe({ initialDelaySeconds: -1, failureThreshold: -2 }) }] }),
      expected: [
        'spec.containers[0].livenessProbe.initialDelaySeconds: Invalid value: -1: must be greater than or equal to 0',
        'spec.containers[0].livenessProbe.failureThreshold: Invalid value: -2: must be greater than or equal to 0',
      ],
    },
    {
      name: 'probe port out of range',
      input: pod({ containers: [{ name: 'app', image: 'nginx', livenessProbe: { httpGet: { port: 70000 } } }] }),
      expected: ['spec.containers[0].livenessProbe.httpGet.port: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    },
    {
      name: 'containerPort out of range',
      input: pod({ containers: [{ name: 'app', image: 'nginx', ports: [{ containerPort: 0 }, { containerPort: 65536 }] }] }),
      expected: [
        'spec.containers[0].ports[0].containerPort: Required value',
        'spec.containers[0].ports[1].containerPort: Invalid value: 65536: must be between 1 and 65535, inclusive',
      ],
    },
    {
      name: 'init restartPolicy only Always',
      input: pod({ initContainers: [{ name: 'init', image: 'busybox', restartPolicy: 'OnFailure' }] }),
      expected: ['spec.initContainers[0].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'],
    },
    {
      name: 'app container restartPolicy forbidden',
      input: pod({ containers: [{ name: 'app', image: 'nginx', restartPolicy: 'Always' }] }),
      expected: ['spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers'],
    },
    {
      name: 'probe on plain init container',
      input: pod({ initContainers: [{ name: 'init', image: 'busybox', readinessProbe: probe({}) }] }),
      expected: ['spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always'],
    },
    {
      name: 'volumeMount names missing volume',
      input: pod({ containers: [{ name: 'app', image: 'nginx', volumeMounts: [{ name: 'x', mountPath: '/x' }] }] }),
      expected: ['spec.containers[0].volumeMounts[0].name: Not found: "x"'],
    },
    {
      name: 'preStop sleep longer than grace',
      input: pod({ terminationGracePeriodSeconds: 10, containers: [{ name: 'app', image: 'nginx', lifecycle: { preStop: { sleep: { seconds: 20 } } } }] }),
      expected: ['spec.containers[0].lifecycle.preStop.sleep: Invalid value: 20: must be greater than 0 and less than terminationGracePeriodSeconds (10)'],
    },
    {
      name: 'activeDeadlineSeconds zero',
      input: pod({ activeDeadlineSeconds: 0 }),
      expected: ['spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive'],
    },
  ];
  for (const { name, input, expected } of cases) {
    test(name, () => {
      assert.deepEqual(messages(input), expected);
    });
  }

  test('path prefix for templates', () => {
    const errors = validatePod(defaultPod(pod({ containers: [{ name: 'app' }] })), 'spec.template');
    assert.deepEqual(errors.map((e) => e.field), ['spec.template.spec.containers[0].image']);
  });

  test('invalid object message', () => {
    const errors = validatePod(defaultPod(pod({ restartPolicy: 'Sometimes', containers: [{ name: 'app' }] })));
    assert.equal(
      formatInvalidObject('Pod', 'web', errors),
      'The Pod "web" is invalid: [spec.containers[0].image: Required value, spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"]',
    );
  });
});
