/**
 * `podsim run` in a real terminal: tmux runs the binary in a detached
 * session of a fixed size, the test sends keys and reads the screen with
 * capture-pane, polling with a deadline.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SOCKET = `podsim-test-${process.pid}`;
const SESSION = 'e2e';
const hasTmux = spawnSync('tmux', ['-V']).status === 0;

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
}

function screen(session = SESSION): string {
  return tmux('capture-pane', '-p', '-t', session);
}

/** Sends one key (tmux key name) and gives the app a moment, so Escape is not read as Alt with the next key. */
async function press(key: string, session = SESSION): Promise<void> {
  tmux('send-keys', '-t', session, key);
  await new Promise((resolve) => setTimeout(resolve, 150));
}

/** Types a `:` command, waits for the prompt line to show it, then sends Enter. */
async function command(text: string, session = SESSION): Promise<void> {
  const promptShows = (expected: string) => (screenText: string) => screenText.trimEnd().split('\n').at(-1) === expected;
  await press(':', session);
  await waitForScreen('the command prompt', promptShows(':'), 5_000, session);
  tmux('send-keys', '-t', session, '-l', text);
  await waitForScreen(`the command ${text}`, promptShows(`:${text}`), 5_000, session);
  await press('Enter', session);
}

/** Polls the screen until `predicate` holds; fails with the last screen after `timeoutMs`. */
async function waitForScreen(description: string, predicate: (text: string) => boolean, timeoutMs = 10_000, session = SESSION): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = screen(session);
    if (predicate(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`timed out after ${timeoutMs} ms waiting for ${description}; the screen was:\n${text}`);
}

function podYaml(name: string, extra = ''): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  terminationGracePeriodSeconds: 5',
    '  containers:',
    '  - name: app',
    '    image: busybox:1.36',
    // sleep runs as PID 1 without a SIGTERM handler, so it is killed at the end of the grace period.
    '    command: ["sleep", "3600"]',
    extra,
  ].join('\n');
}

/** Returns the table row of a pod, or undefined when it is not listed. */
function rowOf(text: string, name: string): string | undefined {
  return text.split('\n').find((line) => new RegExp(`^\\S+\\s+${name}\\s+\\d+/\\d+`).test(line));
}

function elapsedSeconds(text: string): number {
  const match = /Z \+(?:(\d+)m)?(\d+)s /.exec(text);
  assert.ok(match, `no simulated time on the status line:\n${text}`);
  return Number(match[1] ?? 0) * 60 + Number(match[2]);
}

describe('podsim run in tmux', { skip: hasTmux ? false : 'tmux is not installed' }, () => {
  const folder = mkdtempSync(join(tmpdir(), 'podsim-e2e-'));
  const file = join(folder, 'pods.yaml');

  before(() => {
    writeFileSync(file, podYaml('sleeper'));
    const command = `env -u CI -u CONTINUOUS_INTEGRATION node ${join(REPO, 'bin/podsim.js')} run ${file}; echo "podsim exited $?"; sleep 60`;
    tmux('new-session', '-d', '-s', SESSION, '-x', '160', '-y', '45', '-c', REPO, command);
  });

  after(() => {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
    rmSync(folder, { recursive: true, force: true });
  });

  test('shows the scenario pods', async () => {
    const text = await waitForScreen('sleeper Running', (screenText) => /● Running/.test(rowOf(screenText, 'sleeper') ?? ''), 30_000);
    assert.match(text, /^NAMESPACE {3}NAME↑/m);
    assert.match(text, /engine wasm/);
  });

  test('saved edit adds a pod', async () => {
    const savedAt = Date.now();
    writeFileSync(file, `${podYaml('sleeper')}\n---\n${podYaml('added')}`);
    await waitForScreen('the added pod', (text) => rowOf(text, 'added') !== undefined, 5_000);
    // The product target is 250 ms; the bound here leaves room for a loaded CI machine.
    assert.ok(Date.now() - savedAt < 2_000, `the new pod appeared ${Date.now() - savedAt} ms after the save`);
  });

  test('broken file shows the banner', async () => {
    writeFileSync(file, `${podYaml('sleeper')}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\nspec:\n  containers:\n  - name: app\n    imagePullPolicy: Sometimes\n    image: busybox\n`);
    const text = await waitForScreen('the error banner', (screenText) => screenText.includes('scenario not applied'));
    assert.ok(text.includes(`${file}:`), `the banner names the file:\n${text}`);
    assert.match(text, /pods\.yaml:\d+:\d+: /);

    const before = elapsedSeconds(text);
    const later = await waitForScreen('the clock to move', (screenText) => elapsedSeconds(screenText) >= before + 2);
    assert.ok(rowOf(later, 'sleeper'), 'the table keeps the last good pods');
    assert.equal(rowOf(later, 'broken'), undefined);

    writeFileSync(file, `${podYaml('sleeper')}\n---\n${podYaml('added')}`);
    await waitForScreen('the banner to clear', (screenText) => !screenText.includes('scenario not applied'));
  });

  test('removed pod is pruned', async () => {
    writeFileSync(file, `${podYaml('sleeper')}\n---\n${podYaml('added')}\n---\n${podYaml('pruned')}`);
    await waitForScreen('the pod to prune', (text) => /● Running/.test(rowOf(text, 'pruned') ?? ''), 10_000);
    writeFileSync(file, `${podYaml('sleeper')}\n---\n${podYaml('added')}`);
    await waitForScreen('pruned Terminating', (text) => /◌ Terminating/.test(rowOf(text, 'pruned') ?? '') && text.includes('pod/pruned pruned'), 5_000);
    // The pod's grace period is 5 s and sleep ignores SIGTERM, so it goes at SIGKILL.
    await waitForScreen('pruned removed', (text) => rowOf(text, 'pruned') === undefined, 15_000);
  });

  test('delete shows Terminating then removes', async () => {
    // Rows are sorted by name: added, sleeper.
    await press('g');
    await press('j');
    await press('C-d');
    await waitForScreen('the delete dialog', (text) => text.includes('Delete pod default/sleeper?') && text.includes('Grace period (seconds): 5'));
    await press('Enter');
    await waitForScreen('sleeper Terminating', (text) => /◌ Terminating/.test(rowOf(text, 'sleeper') ?? ''), 5_000);
    await waitForScreen('sleeper removed', (text) => rowOf(text, 'sleeper') === undefined && rowOf(text, 'added') !== undefined, 15_000);
  });

  test('describe, help and quit', async () => {
    await press('g');
    await press('d');
    await waitForScreen('describe of added', (text) => /^Name: +added$/m.test(text));
    await press('Escape');
    await press('?');
    await waitForScreen('help', (text) => text.includes('ctrl-d') && text.includes('step to the next event'));
    await press('Escape');
    await press('q');
    await waitForScreen('the process to exit', (text) => text.includes('podsim exited 0'));
  });
});

describe('podsim run on a Deployment in tmux', { skip: hasTmux ? false : 'tmux is not installed' }, () => {
  const session = 'deploy';
  const scenario = join(REPO, 'scenarios/controllers/deployment-rolling-update.yaml');

  before(() => {
    const run = `env -u CI -u CONTINUOUS_INTEGRATION node ${join(REPO, 'bin/podsim.js')} run ${scenario}; echo "podsim exited $?"; sleep 60`;
    tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '45', '-c', REPO, run);
  });

  after(() => {
    spawnSync('tmux', ['-L', SOCKET, 'kill-session', '-t', session]);
  });

  const podRows = (text: string) => text.split('\n').filter((line) => /^default\s+nginx-deployment-\w+-\w+\s+\d+\/\d+/.test(line));

  test(':deploy, enter twice, s scales to 5', async () => {
    // Keys sent before Ink turns on raw mode would reach the terminal's line editor, so the test waits for the clock to run first.
    await waitForScreen('three pods', (text) => podRows(text).length === 3 && elapsedSeconds(text) >= 2, 30_000, session);
    await command('deploy', session);
    await waitForScreen('the Deployment row', (text) => /^default\s+nginx-deployment\s+\d\/3\s+/m.test(text), 10_000, session);

    await press('Enter', session);
    await waitForScreen('its ReplicaSet', (text) => text.includes('replicasets of deployment/nginx-deployment[1]') && /^default\s+nginx-deployment-\w+\s+3\s+/m.test(text), 10_000, session);
    await press('Enter', session);
    await waitForScreen('its pods', (text) => /pods of replicaset\/nginx-deployment-\w+\[3\]/.test(text) && podRows(text).length === 3, 10_000, session);

    await press('s', session);
    await waitForScreen('the scale dialog', (text) => text.includes('Scale deployment default/nginx-deployment') && text.includes('Replicas: 3'), 10_000, session);
    await press('5', session);
    await press('Enter', session);
    await waitForScreen('five pods', (text) => /pods of replicaset\/nginx-deployment-\w+\[5\]/.test(text) && podRows(text).length === 5, 10_000, session);
    await waitForScreen('the kubectl line', (text) => text.includes('deployment.apps/nginx-deployment scaled'), 10_000, session);

    await press('Escape', session);
    await waitForScreen('the ReplicaSet again', (text) => /replicasets of deployment\/nginx-deployment\[\d\]/.test(text), 10_000, session);
    await press('Escape', session);
    await waitForScreen('the Deployment again', (text) => /^default\s+nginx-deployment\s+\d\/5\s+/m.test(text), 10_000, session);
    await press('Escape', session);
    await waitForScreen('the pods it started from', (text) => /^pods\(all\)\[\d+\]/m.test(text), 10_000, session);
    await press('q', session);
    await waitForScreen('the process to exit', (text) => text.includes('podsim exited 0'), 10_000, session);
  });
});

const hasPgrep = spawnSync('pgrep', ['-V']).status === 0;

describe('podsim run ended by a signal in tmux', { skip: !hasTmux ? 'tmux is not installed' : !hasPgrep ? 'pgrep is not installed' : false }, () => {
  const session = 'signal';
  const folder = mkdtempSync(join(tmpdir(), 'podsim-signal-'));
  const file = join(folder, 'pods.yaml');

  before(() => {
    writeFileSync(file, podYaml('sleeper'));
    const run = `env -u CI -u CONTINUOUS_INTEGRATION node ${join(REPO, 'bin/podsim.js')} run ${file}; echo "podsim exited $?"; sleep 60`;
    tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '45', '-c', REPO, run);
  });

  after(() => {
    spawnSync('tmux', ['-L', SOCKET, 'kill-session', '-t', session]);
    rmSync(folder, { recursive: true, force: true });
  });

  test('SIGTERM leaves the screen as q does and exits 143', async () => {
    await waitForScreen('the pod table', (text) => /^NAMESPACE {3}NAME↑/m.test(text) && elapsedSeconds(text) >= 1, 30_000, session);
    // The node process itself, not the shell or the tmux server whose command lines also name the file.
    const pid = execFileSync('pgrep', ['-f', `^node \\S*bin/podsim\\.js run ${file}$`], { encoding: 'utf8' }).trim().split('\n')[0];
    process.kill(Number(pid), 'SIGTERM');
    const text = await waitForScreen('the process to exit', (screen) => screen.includes('podsim exited 143'), 10_000, session);
    assert.doesNotMatch(text, /NAME↑/, 'the alternate screen is gone');
  });
});
