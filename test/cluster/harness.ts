import { parseAllDocuments } from 'yaml';
import { readFileSync } from 'node:fs';
import type { KubeObject } from '../../src/api/v1.js';
import { ControlPlane, type ControlPlaneOptions } from '../../src/cluster/control-plane.js';
import { FakeRuntime, type FakeTiming } from './fake-runtime.js';

export function makeCluster(options: Partial<ControlPlaneOptions> & { timing?: FakeTiming } = {}): { plane: ControlPlane; runtime: FakeRuntime } {
  const runtime = new FakeRuntime(options.timing);
  const plane = new ControlPlane({ ...options, runtime });
  runtime.plane = plane;
  plane.reconcile(0);
  return { plane, runtime };
}

/** Reconciles once per simulated second up to `untilMs`. */
export function runUntil(plane: ControlPlane, untilMs: number, stepMs = 1000): void {
  for (let t = plane.nowMs + stepMs; t <= untilMs; t += stepMs) plane.reconcile(t);
}

export function parseYaml(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((document) => document.toJS() as KubeObject)
    .filter((object) => object !== null);
}

export function loadYaml(path: string): KubeObject[] {
  return parseYaml(readFileSync(new URL(path, import.meta.url), 'utf8'));
}

/** Returns the YAML of a Deployment `web` of nginx pods labelled app=web, serving port 80. */
export function webDeployment(replicas: number): string {
  return `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: app, image: nginx, ports: [{containerPort: 80}]}]}
`;
}
