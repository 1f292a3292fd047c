/** Loads the kubelet semantics cases (test/data/semantics-cases.json) and decodes their status encoding. */
import { readFileSync } from 'node:fs';
import type { Container, ContainerState, ContainerStatus } from '../../src/api/v1.js';

export interface SemanticsCase {
  id: string;
  topic: string;
  input: Record<string, unknown>;
  expected: Record<string, unknown>;
  note?: string;
  derived?: boolean;
}

const casesUrl = new URL('../data/semantics-cases.json', import.meta.url);
const allCases = (JSON.parse(readFileSync(casesUrl, 'utf8')) as { cases: SemanticsCase[] }).cases;

export function casesFor(topic: string): SemanticsCase[] {
  return allCases.filter((c) => c.topic === topic);
}

/** Container status in the cases' compact encoding. */
export interface EncodedStatus {
  name?: string;
  state?: 'running' | 'waiting' | 'terminated' | 'none';
  reason?: string;
  exitCode?: number;
  signal?: number;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  last?: { state: 'terminated'; exitCode?: number; reason?: string };
}

function decodeState(encoded: EncodedStatus): ContainerState | undefined {
  switch (encoded.state) {
    case 'running':
      return { running: {} };
    case 'waiting':
      return { waiting: encoded.reason ? { reason: encoded.reason } : {} };
    case 'terminated':
      return {
        terminated: {
          exitCode: encoded.exitCode ?? 0,
          ...(encoded.reason ? { reason: encoded.reason } : {}),
          ...(encoded.signal ? { signal: encoded.signal } : {}),
        },
      };
    case 'none':
      return {};
    default:
      return undefined;
  }
}

export function decodeStatus(encoded: EncodedStatus): ContainerStatus {
  const status: ContainerStatus = {
    name: encoded.name ?? '',
    ready: encoded.ready ?? false,
    restartCount: encoded.restartCount ?? 0,
    image: '',
    imageID: '',
  };
  const state = decodeState(encoded);
  if (state) {
    status.state = state;
  }
  if (encoded.last) {
    status.lastState = {
      terminated: { exitCode: encoded.last.exitCode ?? 0, ...(encoded.last.reason ? { reason: encoded.last.reason } : {}) },
    };
  }
  if (encoded.started !== undefined) {
    status.started = encoded.started;
  }
  return status;
}

export function decodeInitContainers(list: unknown): Container[] {
  return ((list as { name: string; sidecar: boolean }[] | undefined) ?? []).map((c) =>
    c.sidecar ? { name: c.name, restartPolicy: 'Always' } : { name: c.name },
  );
}

export function decodeContainers(list: unknown): Container[] {
  return ((list as string[] | undefined) ?? []).map((name) => ({ name }));
}
