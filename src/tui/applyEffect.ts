/**
 * Carries out the effect of a key press on the session or the terminal host,
 * and turns a control-plane error into an error notice.
 */
import { ApiError } from '../cluster/store/errors.js';
import type { AppProps } from './App.js';
import type { KeyEffect } from './keyHandler.js';

/** Applies a key's effect; `report` puts a control-plane call's line, or its error, on the notice line. */
export function applyEffect(effect: KeyEffect, props: AppProps, report: (notice: string, isError: boolean) => void): void {
  const { session } = props;
  const reportError = (notice: string) => report(notice, true);
  switch (effect.type) {
    case 'quit':
      props.onQuit();
      return;
    case 'dashboard':
      props.onDashboard();
      return;
    case 'repaint':
      props.onRepaint();
      return;
    case 'togglePause':
      session.togglePause();
      return;
    case 'speed':
      session.changeSpeed(effect.delta);
      return;
    case 'step':
      session.stepToNextEvent();
      return;
    case 'delete':
      try {
        session.deletePod(effect.pod, effect.gracePeriodSeconds, effect.force);
      } catch (error) {
        reportError((error as Error).message);
      }
      return;
    case 'scale':
      runReported(() => session.scale(effect.kind, effect.namespace, effect.name, effect.replicas), report);
      return;
    case 'setCondition':
      runReported(() => session.setPodCondition(effect.namespace, effect.name, effect.conditionType, effect.status), report);
      return;
    case 'node':
      runReported(() => session.operateNode(effect.operation, effect.name), report);
      return;
  }
}

/** Runs an action that returns kubectl's line; an API error becomes an error notice instead of a crash. */
function runReported(action: () => string, report: (notice: string, isError: boolean) => void): void {
  try {
    report(action(), false);
  } catch (error) {
    report(errorLine(error), true);
  }
}

/** kubectl's line for an API error (`Error from server (NotFound): ...`), the message for any other error. */
function errorLine(error: unknown): string {
  if (error instanceof ApiError) return error.kubectlText;
  return error instanceof Error ? error.message : String(error);
}
