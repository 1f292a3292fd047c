/** `podsim dashboard PATH...`: the fleet dashboard on its own, without the table UI. */
import type { CommandIO } from '../cli/io.js';
import { notATerminalMessage, startSession } from '../tui/run.js';

/** Runs `podsim dashboard`; returns the exit code. */
export async function runDashboardCommand(args: string[], io: CommandIO): Promise<number> {
  if (!io.isTTY) {
    io.stderr(notATerminalMessage('dashboard'));
    return 1;
  }
  const { session, stop } = await startSession(args, io);
  const { openDashboard } = await import('./dashboard.js');
  session.start();
  try {
    await openDashboard(session, true);
    return 0;
  } finally {
    await stop();
  }
}
