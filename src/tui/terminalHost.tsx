/**
 * Owns the terminal for `podsim run`: the alternate screen, the Ink mount,
 * and the hand-over to the blessed dashboard. Ink and blessed never run at
 * the same time: Ink is unmounted before blessed creates its screen, and
 * mounted again after blessed is destroyed.
 */
import { render, type Instance } from 'ink';
import { openDashboard } from '../dashboard/dashboard.js';
import { App } from './App.js';
import type { TuiSession } from './session.js';
import type { ViewState } from './viewState.js';

const ENTER_ALTERNATE_SCREEN = '\x1b[?1049h';
const LEAVE_ALTERNATE_SCREEN = '\x1b[?1049l';
const CLEAR_SCREEN = '\x1b[2J\x1b[H';
const SHOW_CURSOR = '\x1b[?25h';
/** Real ms to wait for a resize to settle before redrawing from scratch. */
const RESIZE_SETTLE_MS = 60;

export class TerminalHost {
  private instance: Instance | undefined;
  private state: ViewState;
  private finish: (code: number) => void = () => {};
  private resizeTimer: NodeJS.Timeout | undefined;
  private isInDashboard = false;

  constructor(
    private readonly session: TuiSession,
    initialState: ViewState,
    private readonly stdout: NodeJS.WriteStream = process.stdout,
  ) {
    this.state = initialState;
  }

  /** Shows the UI; resolves with the exit code when the user quits. */
  run(): Promise<number> {
    this.stdout.write(ENTER_ALTERNATE_SCREEN + CLEAR_SCREEN);
    process.once('exit', this.restoreTerminal);
    // kill or a closed terminal: quit as `q` does, so the screen and raw mode are restored.
    process.once('SIGTERM', this.onSignal);
    process.once('SIGHUP', this.onSignal);
    this.stdout.on('resize', this.onResize);
    this.mount();
    return new Promise((resolve) => {
      this.finish = resolve;
    });
  }

  private mount(): void {
    this.instance = render(
      <App
        session={this.session}
        initialState={this.state}
        onStateChange={(state) => {
          this.state = state;
        }}
        onQuit={() => this.quit()}
        onDashboard={() => void this.showDashboard()}
        onRepaint={() => this.repaint()}
      />,
      { stdout: this.stdout, exitOnCtrlC: false, patchConsole: true },
    );
  }

  private unmount(): void {
    this.instance?.unmount();
    this.instance = undefined;
  }

  /** Clears the screen and draws the app from scratch (ctrl-l and resize). */
  private repaint(): void {
    if (this.isInDashboard || !this.instance) return;
    this.unmount();
    this.stdout.write(CLEAR_SCREEN);
    this.mount();
  }

  private async showDashboard(): Promise<void> {
    const instance = this.instance;
    this.isInDashboard = true;
    this.unmount();
    // Ink restores the cursor and raw mode as it exits; blessed starts only after that output is written.
    await instance?.waitUntilExit();
    await new Promise((resolve) => setImmediate(resolve));
    const exit = await openDashboard(this.session);
    this.isInDashboard = false;
    if (exit === 'quit') {
      this.quit();
      return;
    }
    this.stdout.write(ENTER_ALTERNATE_SCREEN + CLEAR_SCREEN);
    this.mount();
  }

  private quit(exitCode = 0): void {
    this.unmount();
    clearTimeout(this.resizeTimer);
    this.stdout.off('resize', this.onResize);
    this.restoreTerminal();
    process.off('exit', this.restoreTerminal);
    process.off('SIGTERM', this.onSignal);
    process.off('SIGHUP', this.onSignal);
    this.finish(exitCode);
  }

  /** Exits with 128 plus the signal number, as a shell reports a process a signal ended. */
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.quit(signal === 'SIGHUP' ? 129 : 143);
  };

  private readonly onResize = () => {
    clearTimeout(this.resizeTimer);
    this.resizeTimer = setTimeout(() => this.repaint(), RESIZE_SETTLE_MS);
  };

  private readonly restoreTerminal = () => {
    this.stdout.write(SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
  };
}
