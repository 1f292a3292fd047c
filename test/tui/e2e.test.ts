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

function screen(): string {
  return tmux('capture-pane', '-p', '-t', SESSION);
}

/** Sends one key (tmux key name) and gives the app a moment, so Escape is not read as Alt with the next key. */
async function press(key: string): Promise<void> {
  tmux('send-keys', '-t', SESSION, key);
  await new Promise((resolve) => setTimeout(resolve, 150));
}

/** Polls the screen until `predicate` holds; fails with the last screen after `timeoutMs`. */
async function waitForScreen(description: string, predicate: (text: string) => boolean, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = screen();
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
