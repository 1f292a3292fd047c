/** Cell rules of the resource table printers, with values from kubectl 1.31's server-side printers. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { Job } from '../../src/api/batch.js';
import type { Endpoints, Node, Service } from '../../src/api/core.js';
import { formatEndpoints, formatSelector, jobCompletions, jobStatus, nodeRoles, nodeStatus, printResourceTable } from '../../src/printers/resources/index.js';
import { serviceExternalIP, servicePorts, serviceTable } from '../../src/printers/resources/services.js';

const NOW = Date.parse('2026-01-01T00:10:00Z');

function endpoints(ips: string[], ports: number[]): Endpoints {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'web' },
    subsets: [{ addresses: ips.map((ip) => ({ ip })), ports: ports.map((port) => ({ port, protocol: 'TCP' })) }],
  };
}

function node(readyStatus: string | undefined, unschedulable = false, labels: Record<string, string> = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1', labels },
    spec: unschedulable ? { unschedulable } : {},
    status: readyStatus === undefined ? {} : { conditions: [{ type: 'Ready', status: readyStatus }] },
  };
}

function job(conditions: { type: string; status: 'True' | 'False' }[], spec: Partial<Job['spec']> = {}): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi' },
    spec: { template: { spec: { containers: [] } }, ...spec },
    status: { conditions, succeeded: 1 },
  };
}

describe('endpoints cell', () => {
  test('three addresses listed in full', () => {
    assert.equal(formatEndpoints(endpoints(['10.0.0.1', '10.0.0.2', '10.0.0.3'], [80])), '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80');
  });

  test('more than three end in N more', () => {
    assert.equal(formatEndpoints(endpoints(['10.0.0.1', '10.0.0.2'], [80, 443])), '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...');
  });

  test('no subsets print none', () => {
    assert.equal(formatEndpoints({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web' } }), '<none>');
  });

  test('only unready addresses print empty', () => {
    const unready: Endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web' }, subsets: [{ notReadyAddresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }] };
    assert.equal(formatEndpoints(unready), '');
  });
});

describe('node cells', () => {
  test('cordoned node shows SchedulingDisabled', () => {
    assert.equal(nodeStatus(node('True', true)), 'Ready,SchedulingDisabled');
  });

  test('unknown ready condition is NotReady', () => {
    assert.equal(nodeStatus(node('Unknown')), 'NotReady');
  });

  test('missing ready condition is Unknown', () => {
    assert.equal(nodeStatus(node(undefined)), 'Unknown');
  });

  test('roles come from role labels', () => {
    assert.equal(nodeRoles(node('True', false, { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'edge' })), 'control-plane,edge');
    assert.equal(nodeRoles(node('True')), '<none>');
  });
});

describe('job cells', () => {
  test('status picks the first matching condition', () => {
    assert.equal(jobStatus(job([])), 'Running');
    assert.equal(jobStatus(job([{ type: 'Complete', status: 'True' }])), 'Complete');
    assert.equal(jobStatus(job([{ type: 'FailureTarget', status: 'True' }, { type: 'Failed', status: 'True' }])), 'Failed');
    assert.equal(jobStatus(job([{ type: 'Suspended', status: 'True' }])), 'Suspended');
    assert.equal(jobStatus(job([{ type: 'Complete', status: 'False' }])), 'Running');
  });

  test('completions without completions field', () => {
    assert.equal(jobCompletions(job([], { completions: 3 })), '1/3');
    assert.equal(jobCompletions(job([], { parallelism: 4 })), '1/1 of 4');
    assert.equal(jobCompletions(job([], { parallelism: 1 })), '1/1');
  });
});

describe('selectors', () => {
  test('expressions sorted by key', () => {
    const selector = {
      matchLabels: { tier: 'web' },
      matchExpressions: [
        { key: 'env', operator: 'NotIn', values: ['qa', 'dev'] },
        { key: 'app', operator: 'Exists' },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    };
    assert.equal(formatSelector(selector), 'app,env notin (dev,qa),!legacy,tier=web');
  });
});

describe('service table', () => {
  const service: Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: { type: 'NodePort', clusterIPs: ['10.96.0.11'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 443, protocol: 'TCP' }], selector: { app: 'web' } },
  };

  test('node ports and external IP', () => {
    assert.equal(servicePorts(service.spec.ports), '80:30080/TCP,443/TCP');
    assert.equal(serviceExternalIP(service, false), '<none>');
    assert.equal(serviceExternalIP({ ...service, spec: { ...service.spec, type: 'LoadBalancer' } }, false), '<pending>');
  });

  test('wide table with namespace', () => {
    assert.equal(
      printResourceTable(serviceTable, [service], NOW, { wide: true, allNamespaces: true, namespaced: true }),
      'NAMESPACE   NAME   TYPE       CLUSTER-IP   EXTERNAL-IP   PORT(S)                AGE   SELECTOR\n' +
        'default     web    NodePort   10.96.0.11   <none>        80:30080/TCP,443/TCP   10m   app=web\n',
    );
  });
});
