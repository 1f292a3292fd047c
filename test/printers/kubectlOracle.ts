/**
 * A read-only fake API server on 127.0.0.1 that serves fixed pods and events,
 * so the real kubectl binary can format them and the printers can be compared
 * with its output byte for byte. It serves only the requests of `kubectl get`,
 * `kubectl describe pod` and `kubectl events`, and listens on an ephemeral
 * port chosen by the OS.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Event, Pod } from '../../src/api/v1.js';

/** Objects the fake API server returns. */
export interface OracleFixture {
  pods: Pod[];
  events: Event[];
  /**
   * Cells of the server-side table row of a pod, all nine columns. When set,
   * table requests (`kubectl get pods`) get a meta.k8s.io/v1 Table, so kubectl
   * only lays the cells out.
   */
  podTableCells?: (pod: Pod) => string[];
}

/** Output of one kubectl run. */
export interface KubectlResult {
  stdout: string;
  stderr: string;
  /** Exit code, or null when kubectl was killed (for example by the timeout). */
  status: number | null;
}

/** A running fake API server and a function that runs kubectl against it. */
export interface KubectlOracle {
  url: string;
  /** Runs kubectl with `args` against this server only and resolves with its stdout, stderr and exit code. */
  run(args: string[]): Promise<KubectlResult>;
  close(): Promise<void>;
}

/** Kubernetes version the fake server reports at /version, so version-dispatching kubectl wrappers pick 1.31. */
const SERVED_VERSION = { major: '1', minor: '31', gitVersion: 'v1.31.14', platform: 'linux/amd64' };

const API_RESOURCE_LIST = {
  kind: 'APIResourceList',
  groupVersion: 'v1',
  resources: [
    {
      name: 'pods',
      singularName: 'pod',
      namespaced: true,
      kind: 'Pod',
      verbs: ['get', 'list', 'watch'],
      shortNames: ['po'],
      categories: ['all'],
    },
    {
      name: 'events',
      singularName: 'event',
      namespaced: true,
      kind: 'Event',
      verbs: ['get', 'list', 'watch'],
      shortNames: ['ev'],
    },
  ],
};

const POD_COLUMNS: [string, number][] = [
  ['Name', 0],
  ['Ready', 0],
  ['Status', 0],
  ['Restarts', 0],
  ['Age', 0],
  ['IP', 1],
  ['Node', 1],
  ['Nominated Node', 1],
  ['Readiness Gates', 1],
];

/** Builds the Table an API server returns for a pod list, with the given row cells. */
function podTable(pods: Pod[], cellsOf: (pod: Pod) => string[]): unknown {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: '1' },
    columnDefinitions: POD_COLUMNS.map(([name, priority]) => ({
      name,
      type: 'string',
      format: name === 'Name' ? 'name' : '',
      description: '',
      priority,
    })),
    rows: pods.map((pod) => ({ cells: cellsOf(pod), object: pod })),
  };
}

/** Returns the kubectl binary the oracle tests run, or undefined when none is on PATH. */
export function findKubectl(): string | undefined {
  const binary = process.env.PODSIM_ORACLE_KUBECTL ?? 'kubectl';
  const probe = spawnSync(binary, ['version', '--client'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', KUBECONFIG: '/dev/null', HOME: tmpdir() },
  });
  return probe.status === 0 ? binary : undefined;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

function notFound(response: ServerResponse, kind: string, name: string): void {
  sendJson(response, 404, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `${kind} "${name}" not found`,
    reason: 'NotFound',
    details: { name, kind },
    code: 404,
  });
}

/** Returns the value of `involvedObject.name=` from a field selector, if present. */
function involvedObjectName(fieldSelector: string | null): string | undefined {
  if (!fieldSelector) return undefined;
  for (const term of fieldSelector.split(',')) {
    const [key, value] = term.split('=');
    if (key === 'involvedObject.name') return value;
  }
  return undefined;
}

function handle(fixture: OracleFixture, request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname;

  if (request.method !== 'GET') {
    sendJson(response, 405, { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 405 });
    return;
  }
  if (path === '/version') return sendJson(response, 200, SERVED_VERSION);
  if (path === '/api') {
    return sendJson(response, 200, {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }],
    });
  }
  if (path === '/apis') return sendJson(response, 200, { kind: 'APIGroupList', apiVersion: 'v1', groups: [] });
  if (path === '/api/v1') return sendJson(response, 200, API_RESOURCE_LIST);

  const match = /^\/api\/v1\/(?:namespaces\/([^/]+)\/)?(pods|events)(?:\/([^/]+))?$/.exec(path);
  if (!match) return notFound(response, 'path', path);
  const [, namespace, resource, name] = match;

  if (resource === 'pods') {
    const pods = fixture.pods.filter((pod) => !namespace || pod.metadata.namespace === namespace);
    const wantsTable = (request.headers.accept ?? '').includes('as=Table');
    if (name) {
      const pod = pods.find((candidate) => candidate.metadata.name === name);
      if (!pod) return notFound(response, 'pods', name);
      if (wantsTable && fixture.podTableCells) return sendJson(response, 200, podTable([pod], fixture.podTableCells));
      return sendJson(response, 200, pod);
    }
    if (wantsTable && fixture.podTableCells) return sendJson(response, 200, podTable(pods, fixture.podTableCells));
    return sendJson(response, 200, { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items: pods });
  }

  const objectName = involvedObjectName(url.searchParams.get('fieldSelector'));
  const events = fixture.events.filter(
    (event) =>
      (!namespace || event.metadata.namespace === namespace) &&
      (objectName === undefined || event.involvedObject.name === objectName),
  );
  if (name) {
    const event = events.find((candidate) => candidate.metadata.name === name);
    return event ? sendJson(response, 200, event) : notFound(response, 'events', name);
  }
  return sendJson(response, 200, { kind: 'EventList', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items: events });
}

/** Starts the fake API server on 127.0.0.1 with an ephemeral port. */
export async function startKubectlOracle(kubectl: string, fixture: OracleFixture): Promise<KubectlOracle> {
  const server: Server = createServer((request, response) => handle(fixture, request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  // A private HOME keeps kubectl's discovery cache and any wrapper config out of the user's files.
  const home = mkdtempSync(join(tmpdir(), 'podsim-oracle-'));

  return {
    url,
    run(args) {
      // kubectl must run asynchronously: a synchronous spawn would block this
      // process's event loop, and with it the server kubectl is talking to.
      return new Promise<KubectlResult>((resolve) => {
        execFile(
          kubectl,
          ['--server', url, ...args],
          {
            encoding: 'utf8',
            env: {
              PATH: process.env.PATH ?? '',
              HOME: home,
              KUBECONFIG: '/dev/null',
              CLOUDSDK_CONFIG: join(home, 'gcloud'),
              TZ: 'UTC',
              LANG: 'C',
            },
            timeout: 30_000,
          },
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
