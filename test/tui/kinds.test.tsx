/**
 * The resource views, drill-down and control-plane actions of the live UI,
 * on a real Simulation of the repository's scenarios (JavaScript engine)
 * and, for API errors and Services, on the FakeSimulation stub.
 */
import assert from 'node:assert/strict';
import { dirname, join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { render } from 'ink-testing-library';
import { Simulation } from '../../src/cluster/simulation.js';
import { notFound } from '../../src/cluster/store/errors.js';
import { loadScenario } from '../../src/scenario/load.js';
import { App } from '../../src/tui/App.js';
import { TuiSession } from '../../src/tui/session.js';
import type { SimulationSource } from '../../src/tui/simulationSource.js';
import { initialViewState } from '../../src/tui/viewState.js';
import { at, FakeSimulation, makePod } from './fakeSimulation.js';

const SCENARIOS = resolve(dirname(fileURLToPath(import.meta.url)), '../../scenarios');
const ESCAPE = '\x1b';
const ENTER = '\r';

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

/** Loads a scenario into a JavaScript-engine simulation and advances it `atMs`. */
async function simulate(file: string, atMs: number): Promise<Simulation> {
  const loaded = loadScenario([join(SCENARIOS, file)]);
  assert.deepEqual(loaded.errors, []);
  const simulation = await Simulation.create({ engine: 'js' });
  const result = simulation.apply(loaded.objects.map((entry) => entry.object));
  assert.deepEqual(result.errors, []);
  simulation.advanceTo(atMs);
  return simulation;
}

function mount(simulation: SimulationSource, height = 30) {
  const session = new TuiSession({ simulation });
  const app = render(
    <App session={session} initialState={initialViewState(undefined)} onQuit={() => {}} onDashboard={() => {}} onRepaint={() => {}} width={140} height={height} />,
  );
  return {
    session,
    frame: () => app.lastFrame() ?? '',
    type: async (...inputs: string[]) => {
      for (const input of inputs) {
        app.stdin.write(input);
        await settle();
      }
    },
    unmount: () => {
      app.unmount();
      session.stop();
    },
  };
}

/** Returns the table rows whose NAME (second column with NAMESPACE first) starts with `prefix`. */
function rowsNamed(frame: string, prefix: string): string[] {
  return frame.split('\n').filter((line) => new RegExp(`^\\S+\\s+${prefix}`).test(line));
}

describe('resource views', () => {
  test('deploy lists the Deployment', async () => {
    const ui = mount(await simulate('controllers/deployment-rolling-update.yaml', 30_000));
    await ui.type(':', ...'deploy', ENTER);
    assert.match(ui.frame(), /deployments\(all\)\[1\]/);
    assert.match(ui.frame(), /^NAMESPACE +NAME↑ +READY +UP-TO-DATE +AVAILABLE +AGE$/m);
    assert.match(ui.frame(), /^default +nginx-deployment +3\/3 +3 +3 +30s$/m);
    ui.unmount();
  });

  test('a command typed in one burst with its Enter runs', async () => {
    const ui = mount(await simulate('controllers/deployment-rolling-update.yaml', 30_000));
    await ui.type(':deploy\r');
    assert.match(ui.frame(), /deployments\(all\)\[1\]/);
    await ui.type('/nginx\r');
    assert.match(ui.frame(), /^default +nginx-deployment +3\/3/m);
    ui.unmount();
  });

  test('enter walks Deployment, ReplicaSet, pods; Esc back', async () => {
    const ui = mount(await simulate('controllers/deployment-rolling-update.yaml', 30_000));
    await ui.type(':', ...'deploy', ENTER, ENTER);
    assert.match(ui.frame(), /^replicasets of deployment\/nginx-deployment\[1\] \(Esc goes back\)$/m);
    assert.match(ui.frame(), /^NAMESPACE +NAME↑ +DESIRED +CURRENT +READY +AGE$/m);
    assert.match(ui.frame(), /^default +nginx-deployment-\w+ +3 +3 +3 +30s$/m);

    await ui.type(ENTER);
    assert.match(ui.frame(), /pods of replicaset\/nginx-deployment-\w+\[3\]/);
    assert.equal(rowsNamed(ui.frame(), 'nginx-deployment-\\w+-').length, 3);

    await ui.type(ESCAPE);
    assert.match(ui.frame(), /replicasets of deployment\/nginx-deployment\[1\]/);
    await ui.type(ESCAPE);
    assert.match(ui.frame(), /deployments\(all\)\[1\]/);
    await ui.type(ESCAPE);
    assert.match(ui.frame(), /pods\(all\)\[3\]/, 'the screen :deploy was typed on');
    await ui.type(ESCAPE);
    assert.match(ui.frame(), /pods\(all\)\[3\]/, 'Esc at the start of the trail stays');
    ui.unmount();
  });

  test('Deployment lists only its ReplicaSets', async () => {
    const simulation = new FakeSimulation();
    const owner = (kind: string, name: string, uid: string) => [{ apiVersion: 'apps/v1', kind, name, uid, controller: true }];
    const replicaSet = (name: string, ownerReferences?: ReturnType<typeof owner>) => ({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name, namespace: 'default', uid: `rs-${name}`, creationTimestamp: at(0), ...(ownerReferences ? { ownerReferences } : {}) },
      spec: { replicas: 1, selector: { matchLabels: { app: name } } },
      status: { replicas: 1, readyReplicas: 1 },
    });
    simulation.controlPlane.add({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', uid: 'deploy-web', creationTimestamp: at(0) }, spec: { replicas: 1 } });
    simulation.controlPlane.add({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'default', uid: 'deploy-api', creationTimestamp: at(0) }, spec: { replicas: 1 } });
    simulation.controlPlane.add(replicaSet('web-6d4f', owner('Deployment', 'web', 'deploy-web')));
    simulation.controlPlane.add(replicaSet('web-7b9c', owner('Deployment', 'web', 'deploy-web')));
    simulation.controlPlane.add(replicaSet('api-5f8d', owner('Deployment', 'api', 'deploy-api')));
    simulation.controlPlane.add(replicaSet('web-bare'));
    const ui = mount(simulation);

    await ui.type(':', ...'deploy', ENTER, 'j', ENTER);
    assert.match(ui.frame(), /replicasets of deployment\/web\[2\]/);
    const listed = ui.frame().split('\n').filter((line) => /^default\s/.test(line));
    assert.deepEqual(listed.map((line) => line.split(/\s+/)[1]), ['web-6d4f', 'web-7b9c']);

    await ui.type(':', ...'rs', ENTER);
    assert.match(ui.frame(), /replicasets\(all\)\[4\]/, ':rs lists every ReplicaSet again');
    await ui.type(ESCAPE);
    assert.match(ui.frame(), /replicasets of deployment\/web\[2\]/);
    ui.unmount();
  });

  test('rs drills to the pods it owns', async () => {
    const ui = mount(await simulate('controllers/deployment-rolling-update.yaml', 30_000));
    await ui.type(':', ...'rs', ENTER);
    assert.match(ui.frame(), /^NAMESPACE +NAME↑ +DESIRED +CURRENT +READY +AGE$/m);
    await ui.type(ENTER);
    assert.match(ui.frame(), /pods of replicaset\/nginx-deployment-\w+\[3\]/);
    ui.unmount();
  });

  test('describe and YAML of a Deployment', async () => {
    const ui = mount(await simulate('controllers/deployment-rolling-update.yaml', 30_000), 60);
    await ui.type(':', ...'deploy', ENTER, 'd');
    assert.match(ui.frame(), /Describe deployment\/default\/nginx-deployment/);
    assert.match(ui.frame(), /^Name: +nginx-deployment$/m);
    assert.match(ui.frame(), /^Replicas: +3 desired \| 3 updated \| 3 total \| 3 available \| 0 unavailable$/m);

    await ui.type(ESCAPE, 'y');
    assert.match(ui.frame(), /^kind: Deployment$/m);
    await ui.type(ESCAPE);
    assert.match(ui.frame(), /deployments\(all\)/);
    ui.unmount();
  });

  test('s scales the Deployment to 5', async () => {
    const ui = mount(await simulate('controllers/deployment-rolling-update.yaml', 30_000));
    await ui.type(':', ...'deploy', ENTER, 's');
    assert.match(ui.frame(), /Scale deployment default\/nginx-deployment/);
    assert.match(ui.frame(), /Replicas: 3/);

    await ui.type('5', ENTER);
    assert.doesNotMatch(ui.frame(), /Scale deployment/);
    assert.match(ui.frame(), /deployment\.apps\/nginx-deployment scaled/);
    await ui.type(ENTER);
    assert.match(ui.frame(), /^default +nginx-deployment-\w+ +5 +5 +\d +30s$/m);
    await ui.type(ENTER);
    assert.match(ui.frame(), /pods of replicaset\/nginx-deployment-\w+\[5\]/);
    ui.unmount();
  });

  test('s on a pod scales its Deployment', async () => {
    const ui = mount(await simulate('controllers/deployment-rolling-update.yaml', 30_000));
    await ui.type('s');
    assert.match(ui.frame(), /Scale deployment default\/nginx-deployment/);
    await ui.type('-', ENTER);
    assert.match(ui.frame(), /deployment\.apps\/nginx-deployment scaled/);
    assert.match(ui.frame(), /pods\(all\)\[3\]/, 'the pod being removed is still listed while it terminates');
    ui.unmount();
  });

  test('scale dialog rejects a bad count', async () => {
    const ui = mount(await simulate('controllers/deployment-rolling-update.yaml', 30_000));
    await ui.type(':', ...'deploy', ENTER, 's', '\x7f', ENTER);
    assert.match(ui.frame(), /invalid replica count "": expected a whole number/);
    await ui.type(ESCAPE);
    assert.match(ui.frame(), /scale cancelled/);
    ui.unmount();
  });

  test('s on a bare pod reports no controller', async () => {
    const ui = mount(await simulate('readiness-gates.yaml', 10_000));
    await ui.type('s');
    assert.match(ui.frame(), /pod\/gated has no controller to scale/);
    ui.unmount();
  });

  test('r toggles a readiness gate', async () => {
    const ui = mount(await simulate('readiness-gates.yaml', 10_000));
    await ui.type('w');
    assert.match(ui.frame(), /gated +1\/1 +● Running .* 0\/1$/m);
    await ui.type('r');
    assert.match(ui.frame(), /Readiness gates of pod default\/gated/);
    assert.match(ui.frame(), /example\.com\/feature-1 = <none>/);

    await ui.type(ENTER);
    assert.match(ui.frame(), /pod\/gated patched \(example\.com\/feature-1=True\)/);
    assert.match(ui.frame(), /gated +1\/1 +● Running .* 1\/1$/m);
    await ui.type('r');
    assert.match(ui.frame(), /example\.com\/feature-1 = True/);
    await ui.type('f');
    assert.match(ui.frame(), /pod\/gated patched \(example\.com\/feature-1=False\)/);
    ui.unmount();
  });

  test('r on a pod without gates reports it', async () => {
    const ui = mount(await simulate('controllers/deployment-rolling-update.yaml', 30_000));
    await ui.type('r');
    assert.match(ui.frame(), /has no readiness gates/);
    ui.unmount();
  });

  test('nodes: cordon, fail, restore, drill', async () => {
    const ui = mount(await simulate('controllers/deployment-rolling-update.yaml', 30_000));
    await ui.type(':', ...'nodes', ENTER);
    assert.match(ui.frame(), /nodes\[3\]/);
    assert.match(ui.frame(), /^NAME↑ +STATUS +ROLES +AGE +VERSION$/m);
    assert.match(ui.frame(), /^node-1 +Ready +<none>/m);

    await ui.type('c');
    assert.match(ui.frame(), /node\/node-1 cordoned/);
    assert.match(ui.frame(), /^node-1 +Ready,SchedulingDisabled/m);
    await ui.type('c');
    assert.match(ui.frame(), /node\/node-1 uncordoned/);

    await ui.type('f');
    assert.match(ui.frame(), /node\/node-1 failed/);
    await ui.type('u');
    assert.match(ui.frame(), /node\/node-1 restored/);

    await ui.type(ENTER);
    assert.match(ui.frame(), /pods of node\/node-1\[\d+\]/);
    ui.unmount();
  });

  test('ns lists namespaces, enter picks one', async () => {
    const ui = mount(await simulate('controllers/deployment-rolling-update.yaml', 30_000));
    await ui.type(':', ...'ns', ENTER);
    assert.match(ui.frame(), /namespaces\[4\]/);
    assert.match(ui.frame(), /^default +Active/m);
    await ui.type(ENTER);
    assert.match(ui.frame(), /pods\(default\)\[3\]/);
    ui.unmount();
  });

  test('svc drills to the selected pods', async () => {
    const simulation = new FakeSimulation([makePod({ name: 'web-1', labels: { app: 'web' } }), makePod({ name: 'api', labels: { app: 'api' } })]);
    simulation.controlPlane.add({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', uid: 'svc' }, spec: { type: 'ClusterIP', selector: { app: 'web' }, clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [{ port: 80, protocol: 'TCP' }] } });
    const ui = mount(simulation);
    await ui.type(':', ...'svc', ENTER);
    assert.match(ui.frame(), /^default +web +ClusterIP +10\.96\.0\.10/m);
    await ui.type(ENTER);
    assert.match(ui.frame(), /pods of service\/web\[1\]/);
    assert.equal(rowsNamed(ui.frame(), 'web-1').length, 1);
    ui.unmount();
  });

  test('API error becomes an error notice', async () => {
    const simulation = new FakeSimulation();
    simulation.controlPlane.add({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'gone', namespace: 'default', uid: 'd1' }, spec: { replicas: 2 } });
    simulation.controlPlane.scale = () => {
      throw notFound('deployments.apps', 'gone');
    };
    const ui = mount(simulation);
    await ui.type(':', ...'deploy', ENTER, 's', '4', ENTER);
    assert.match(ui.frame(), /Error from server \(NotFound\): deployments\.apps "gone" not found/);
    ui.unmount();
  });

  test('d on a kind without describe printer', async () => {
    const ui = mount(await simulate('controllers/deployment-rolling-update.yaml', 30_000));
    await ui.type(':', ...'ns', ENTER, 'd');
    assert.match(ui.frame(), /no describe printer for namespaces yet: y shows the YAML/);
    ui.unmount();
  });
});
