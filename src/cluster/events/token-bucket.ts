/**
 * A token bucket that starts full and refills continuously, as the
 * golang.org/x/time/rate limiter behind client-go's event spam filter.
 * Tokens are kept in integer units of 1/refillIntervalMs token so the
 * arithmetic is exact.
 */
export class TokenBucket {
  private scaledTokens: number;
  private lastMs: number;

  /**
   * @param burst maximum (and initial) number of tokens
   * @param refillIntervalMs simulated ms to refill one token
   */
  constructor(
    readonly burst: number,
    readonly refillIntervalMs: number,
    nowMs: number,
  ) {
    this.scaledTokens = burst * refillIntervalMs;
    this.lastMs = nowMs;
  }

  /** Returns the earliest simulated time at or after `nowMs` at which a token is available. */
  nextTokenMs(nowMs: number): number {
    const elapsed = Math.max(0, nowMs - this.lastMs);
    const tokens = Math.min(this.burst * this.refillIntervalMs, this.scaledTokens + elapsed);
    return tokens >= this.refillIntervalMs ? nowMs : nowMs + (this.refillIntervalMs - tokens);
  }

  /** Takes one token if one is available at `nowMs`; returns whether it did. */
  tryAccept(nowMs: number): boolean {
    const elapsed = Math.max(0, nowMs - this.lastMs);
    this.scaledTokens = Math.min(this.burst * this.refillIntervalMs, this.scaledTokens + elapsed);
    this.lastMs = Math.max(this.lastMs, nowMs);
    if (this.scaledTokens < this.refillIntervalMs) {
      return false;
    }
    this.scaledTokens -= this.refillIntervalMs;
    return true;
  }
}
