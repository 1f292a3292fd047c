import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../src/api/v1.js';
import { defaultPod } from '../../src/scenario/index.js';

const input: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web' },
  spec: {
    containers: [
      {
        name: 'app',
        image: 'nginx',
        ports: [{ containerPort: 80 }],
        livenessProbe: { httpGet: { port: 80 } },
        resources: { limits: { cpu: '500m' } },
      },
      { name: 'tagged', image: 'nginx:1.27' },
    ],
  },
};

describe('defaultPod', () => {
  const pod = defaultPod(input, { seed: 7 });
  const spec = pod.spec;
  const app = spec.containers[0]!;

  const podDefaults: Array<[string, unknown, unknown]> = [
    ['namespace', pod.metadata.namespace, 'default'],
    ['restartPolicy', spec.restartPolicy, 'Always'],
    ['terminationGracePeriodSeconds', spec.terminationGracePeriodSeconds, 30],
    ['dnsPolicy', spec.dnsPolicy, 'ClusterFirst'],
    ['schedulerName', spec.schedulerName, 'default-scheduler'],
    ['securityContext', spec.securityContext, {}],
    ['serviceAccountName', spec.serviceAccountName, 'default'],
    ['serviceAccount', spec.serviceAccount, 'default'],
    ['enableServiceLinks', spec.enableServiceLinks, true],
    ['priority', spec.priority, 0],
    ['preemptionPolicy', spec.preemptionPolicy, 'PreemptLowerPriority'],
    ['terminationMessagePath', app.terminationMessagePath, '/dev/termination-log'],
    ['terminationMessagePolicy', app.terminationMessagePolicy, 'File'],
    ['imagePullPolicy without tag', app.imagePullPolicy, 'Always'],
    ['imagePullPolicy with tag', spec.containers[1]!.imagePullPolicy, 'IfNotPresent'],
    ['port protocol', app.ports![0]!.protocol, 'TCP'],
    ['requests from limits', app.resources?.requests, { cpu: '500m' }],
    [
      'probe',
      app.livenessProbe,
      { httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
    ],
  ];
  for (const [name, actual, expected] of podDefaults) {
    test(name, () => assert.deepEqual(actual, expected));
  }

  test('tolerations from DefaultTolerationSeconds', () => {
    assert.deepEqual(spec.tolerations, [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  test('service account token volume and mounts', () => {
    const volume = spec.volumes![0]!;
    assert.match(volume.name, /^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    for (const container of spec.containers) {
      assert.deepEqual(container.volumeMounts, [
        { name: volume.name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' },
      ]);
    }
  });

  test('same seed, same suffix', () => {
    assert.equal(defaultPod(input, { seed: 7 }).spec.volumes![0]!.name, spec.volumes![0]!.name);
    assert.notEqual(defaultPod(input, { seed: 8 }).spec.volumes![0]!.name, spec.volumes![0]!.name);
  });

  test('input left unchanged', () => {
    assert.equal(input.spec.restartPolicy, undefined);
    assert.equal(input.spec.volumes, undefined);
  });

  test('automount disabled skips the volume', () => {
    const noToken = defaultPod({ ...input, spec: { ...input.spec, automountServiceAccountToken: false } });
    assert.equal(noToken.spec.volumes, undefined);
  });

  test('generateName gets a suffix', () => {
    const generated = defaultPod({ ...input, metadata: { generateName: 'web-' } }, { seed: 1 });
    assert.match(generated.metadata.name ?? '', /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
});
