/**
 * The trail Esc walks back along. Opening another table or screen with
 * `enter`, a `:` command, `e` or `?` records where the user was. Esc returns
 * there with the scope, filter and selection it had. From a Deployment's
 * ReplicaSets it goes to the Deployment list, and from there to the screen
 * the `:deploy` command was typed on.
 */
import type { Location, ViewState } from './viewState.js';

/** Places the trail keeps; the oldest is dropped beyond this. */
export const MAX_TRAIL = 16;

/** Returns the fields of `state` that make up its location. */
export function locationOf(state: ViewState): Location {
  const { view, kind, scope, resourceScope, textKind, filterText, selectedKey, selectedIndex, resourceKey, resourceIndex, scroll, followTail } = state;
  return { view, kind, scope, resourceScope, textKind, filterText, selectedKey, selectedIndex, resourceKey, resourceIndex, scroll, followTail };
}

/** Returns whether two locations show the same table or screen, whatever is selected in it. */
function sameScreen(a: Location, b: Location): boolean {
  if (a.view !== b.view) return false;
  if (a.view === 'pods') return a.scope?.kind === b.scope?.kind && a.scope?.key === b.scope?.key;
  if (a.view === 'resources') return a.kind === b.kind && a.resourceScope?.kind === b.resourceScope?.kind && a.resourceScope?.key === b.resourceScope?.key;
  return true;
}

/**
 * Returns `next` with the trail of `current`, plus the location of `current`
 * when `next` shows another table or screen, so that Esc comes back to it.
 */
export function goTo(current: ViewState, next: ViewState): ViewState {
  const from = locationOf(current);
  if (sameScreen(from, locationOf(next))) return { ...next, trail: current.trail };
  return { ...next, trail: [...current.trail, from].slice(-MAX_TRAIL) };
}

/** Returns the state at the last recorded location, or undefined when the trail is empty. */
export function goBack(state: ViewState): ViewState | undefined {
  const previous = state.trail.at(-1);
  if (!previous) return undefined;
  return { ...state, ...previous, trail: state.trail.slice(0, -1) };
}
