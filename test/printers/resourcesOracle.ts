/**
 * A read-only fake API server on 127.0.0.1 for `kubectl describe` of
 * Deployments, ReplicaSets, Jobs, Services and Nodes: API discovery for the
 * core, apps, batch, discovery.k8s.io and coordination.k8s.io groups, and GET
 * and list of the objects it was given. kubectl describe fetches the related
 * objects itself (a Deployment's ReplicaSets, a node's pods and Lease, a
 * Service's Endpoints, each object's Events), so the fixture holds all of
 * them. It listens on an ephemeral port chosen by the OS.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { KubeObject } from '../../src/api/v1.js';
import { servedResources, type ResourceInfo } from '../../src/cluster/store/resources.js';
import type { KubectlOracle, KubectlResult } from './kubectlOracle.js';

export { findKubectl } from './kubectlOracle.js';

const SERVED_VERSION = { major: '1', minor: '31', gitVersion: 'v1.31.14', platform: 'linux/amd64' };
const GROUP_VERSIONS: Record<string, string> = { '': 'v1', apps: 'v1', batch: 'v1', 'discovery.k8s.io': 'v1', 'coordination.k8s.io': 'v1' };
const LEASE: ResourceInfo = { kind: 'Lease', plural: 'leases', singular: 'lease', group: 'coordination.k8s.io', namespaced: true, shortNames: [] };
const EVENT: ResourceInfo = { kind: 'Event', plural: 'events', singular: 'event', group: '', namespaced: true, shortNames: ['ev'] };

function resourcesOf(group: string): ResourceInfo[] {
  const served = servedResources.filter((info) => info.group === group && info.kind !== 'ClusterSettings' && info.kind !== 'Timeline');
  if (group === '') served.push(EVENT);
  if (group === 'coordination.k8s.io') served.push(LEASE);
  return served;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Field selectors kubectl describe sends: `a=b`, `a!=b`, joined by commas, on dotted paths. */
function matchesFieldSelector(object: KubeObject, selector: string | null): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const match = /^([^!=]+)(!=|==?)(.*)$/.exec(term);
    if (!match) return true;
    const [, path, operator, expected] = match;
    let value: unknown = object;
    for (const part of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
    const actual = value === undefined ? '' : String(value);
    return operator === '!=' ? actual !== expected : actual === expected;
  });
}

function handle(objects: readonly KubeObject[], request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname;
  if (request.method !== 'GET') return sendJson(response, 405, { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 405 });
  if (path === '/version') return sendJson(response, 200, SERVED_VERSION);
  if (path === '/api') return sendJson(response, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] });
  if (path === '/apis') {
    const groups = Object.keys(GROUP_VERSIONS)
      .filter((group) => group !== '')
      .map((name) => ({ name, versions: [{ groupVersion: `${name}/v1`, version: 'v1' }], preferredVersion: { groupVersion: `${name}/v1`, version: 'v1' } }));
    return sendJson(response, 200, { kind: 'APIGroupList', apiVersion: 'v1', groups });
  }
  const discovery = /^\/(?:api\/v1|apis\/([^/]+)\/v1)$/.exec(path);
  if (discovery) {
    const group = discovery[1] ?? '';
    const resources = resourcesOf(group).map((info) => ({
      name: info.plural,
      singularName: info.singular,
      namespaced: info.namespaced,
      kind: info.kind,
      verbs: ['get', 'list'],
      shortNames: info.shortNames,
    }));
    return sendJson(response, 200, { kind: 'APIResourceList', groupVersion: group ? `${group}/v1` : 'v1', resources });
  }

  const match = /^\/(?:api\/v1|apis\/([^/]+)\/v1)\/(?:namespaces\/([^/]+)\/)?([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (!match) return sendJson(response, 404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: `path ${path} not found` });
  const [, group = '', namespace, plural, name] = match;
  const info = resourcesOf(group).find((entry) => entry.plural === plural);
  if (!info) return sendJson(response, 404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: `${plural} not served` });
  const candidates = objects.filter((object) => object.kind === info.kind && (!namespace || !info.namespaced || object.metadata.namespace === namespace));
  if (name) {
    const object = candidates.find((entry) => entry.metadata.name === name);
    if (object) return sendJson(response, 200, object);
    const qualified = info.group ? `${info.plural}.${info.group}` : info.plural;
    return sendJson(response, 404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `${qualified} "${name}" not found`, reason: 'NotFound', details: { name, group: info.group, kind: info.plural }, code: 404 });
  }
  const items = candidates.filter((object) => matchesFieldSelector(object, url.searchParams.get('fieldSelector')));
  return sendJson(response, 200, { kind: `${info.kind}List`, apiVersion: info.group ? `${info.group}/v1` : 'v1', metadata: { resourceVersion: '1' }, items });
}

/** Starts the fake API server with `objects` (any kinds, Events and Leases included) and returns a kubectl runner for it. */
export async function startResourcesOracle(kubectl: string, objects: readonly KubeObject[]): Promise<KubectlOracle> {
  const server = createServer((request, response) => handle(objects, request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  // A private HOME keeps kubectl's discovery cache out of the user's files.
  const home = mkdtempSync(join(tmpdir(), 'podsim-resources-oracle-'));
  return {
    url,
    run(args) {
      return new Promise<KubectlResult>((resolve) => {
        execFile(
          kubectl,
          ['--server', url, ...args],
          { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: home, KUBECONFIG: '/dev/null', CLOUDSDK_CONFIG: join(home, 'gcloud'), TZ: 'UTC', LANG: 'C' }, timeout: 30_000 },
          (error, stdout, stderr) => {
            let status: number | null = 0;
            if (error) status = typeof error.code === 'number' ? error.code : null;
            resolve({ stdout, stderr, status });
          },
        );
      });
    },
    close() {
      rmSync(home, { recursive: true, force: true });
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
