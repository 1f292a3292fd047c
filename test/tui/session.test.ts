import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TuiSession } from '../../src/tui/session.js';
import { FakeSimulation } from './fakeSimulation.js';

/** A simulation with something due every simulated 10 ms, each step costing `costMs` of the fake real clock. */
class BusySimulation extends FakeSimulation {
  steps = 0;
  constructor(
    private readonly clock: { nowMs: number },
    private readonly costMs: number,
  ) {
    super();
  }

  override nextEventMs(): number {
    return Math.floor(this.nowMs / 10) * 10 + 10;
  }

  override advanceTo(targetMs: number): void {
    this.steps += 1;
    this.clock.nowMs += this.costMs;
    super.advanceTo(targetMs);
  }
}

test('frame budget stops the simulation behind', () => {
  const real = { nowMs: 0 };
  const simulation = new BusySimulation(real, 5);
  const session = new TuiSession({ simulation, clock: () => real.nowMs, speed: 1000 });
  const start = simulation.nowMs;
  real.nowMs += 100;
  session.tick();
  // x1000 over 100 real ms requests 100 s; at 5 real ms per 10 ms step the 60 ms budget covers 12 steps.
  assert.equal(simulation.steps, 12);
  assert.equal(simulation.nowMs - start, 120);
  assert.equal(session.behind, true);
});

test('frame reaching its target is not behind', () => {
  const real = { nowMs: 0 };
  const simulation = new BusySimulation(real, 0);
  const session = new TuiSession({ simulation, clock: () => real.nowMs, speed: 1 });
  const start = simulation.nowMs;
  real.nowMs += 100;
  session.tick();
  assert.equal(simulation.nowMs - start, 100);
  assert.equal(session.behind, false);
});
