/** `podsim get KIND` and `podsim describe KIND` through the CLI: resource names, flags and errors as kubectl prints them. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { runCli } from './run-cli.js';

const DEPLOYMENT = 'scenarios/controllers/deployment-rolling-update.yaml';
const STATEFULSET = 'scenarios/controllers/statefulset-ordered-start.yaml';

describe('get resources', () => {
  test('short names resolve to kinds', async () => {
    for (const word of ['deploy', 'deployments', 'deployment.apps']) {
      const result = await runCli(['get', word, '-f', DEPLOYMENT, '-o', 'name']);
      assert.equal(result.stdout, 'deployment.apps/nginx-deployment\n', word);
    }
  });

  test('unknown resource type', async () => {
    const result = await runCli(['get', 'foo', '-f', DEPLOYMENT]);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, 'error: the server doesn\'t have a resource type "foo"\n');
  });

  test('missing name is NotFound', async () => {
    const result = await runCli(['get', 'deploy', 'nope', '-f', DEPLOYMENT]);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, 'Error from server (NotFound): deployments.apps "nope" not found\n');
  });

  test('empty namespace message', async () => {
    const result = await runCli(['get', 'jobs', '-f', DEPLOYMENT]);
    assert.equal(result.code, 0);
    assert.equal(result.stderr, 'No resources found in default namespace.\n');
  });

  test('nodes ignore namespace flag', async () => {
    const result = await runCli(['get', 'no', '-n', 'kube-system', '-f', DEPLOYMENT]);
    assert.equal(result.stdout.split('\n')[0], 'NAME     STATUS   ROLES    AGE   VERSION');
    assert.equal(result.stdout.split('\n').length, 5);
  });

  test('get all prints kind blocks', async () => {
    const result = await runCli(['get', 'all', '-f', STATEFULSET, '--at', '1m']);
    assert.equal(
      result.stdout,
      'NAME        READY   STATUS    RESTARTS   AGE\n' +
        'pod/web-0   1/1     Running   0          60s\n' +
        'pod/web-1   1/1     Running   0          53s\n' +
        'pod/web-2   1/1     Running   0          43s\n' +
        '\n' +
        'NAME          TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n' +
        'service/web   ClusterIP   None         <none>        80/TCP    60s\n' +
        '\n' +
        'NAME                   READY   AGE\n' +
        'statefulset.apps/web   3/3     60s\n',
    );
  });

  test('json list carries controller status', async () => {
    const result = await runCli(['get', 'sts', 'web', '-f', STATEFULSET, '--at', '1m', '-o', 'json']);
    const object = JSON.parse(result.stdout);
    assert.equal(object.kind, 'StatefulSet');
    assert.equal(object.status.readyReplicas, 3);
  });

  test('podpresets need the settings API', async () => {
    const result = await runCli(['get', 'podpresets', '-f', DEPLOYMENT]);
    assert.equal(result.stderr, 'error: the server doesn\'t have a resource type "podpresets"\n');
    const served = await runCli(['get', 'podpresets', '-f', 'scenarios/controllers/admission-podpreset.yaml']);
    assert.equal(served.stdout, 'NAME             AGE\nallow-database   0s\n');
  });

  test('cordoned node shows SchedulingDisabled', async () => {
    const timeline = 'apiVersion: podsim.io/v1alpha1\nkind: Timeline\nmetadata: {name: cordon}\nsteps:\n- {at: 10s, action: cordon, node: node-3}\n';
    const result = await runCli(['get', 'nodes', 'node-3', '-f', '-', '--at', '20s'], timeline);
    assert.equal(result.stdout, 'NAME     STATUS                     ROLES    AGE   VERSION\nnode-3   Ready,SchedulingDisabled   <none>   20s   v1.31.14\n');
  });
});

describe('describe resources', () => {
  test('service lists ready endpoints', async () => {
    const result = await runCli(['describe', 'svc', 'web', '-f', STATEFULSET, '--at', '1m']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Port: +http {2}80\/TCP$/m);
    assert.match(result.stdout, /^Endpoints: +10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80$/m);
  });

  test('node lists its pods', async () => {
    const result = await runCli(['describe', 'node', 'node-1', '-f', STATEFULSET, '--at', '1m']);
    assert.match(result.stdout, /^Name: +node-1$/m);
    assert.match(result.stdout, /^Non-terminated Pods: +\(1 in total\)$/m);
  });

  test('unsupported kind names the supported ones', async () => {
    const result = await runCli(['describe', 'ns', 'default', '-f', DEPLOYMENT]);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, 'error: podsim describe does not support "ns" yet; supported: deployments, replicasets, jobs, nodes, services\n');
  });
});
