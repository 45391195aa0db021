/**
 * Pause, resume and stop for a loop that checks in between steps. Paused time is tracked so the
 * samples-per-second and ETA figures count only time spent training.
 */
export class RunControl {
  #paused: { readonly since: number; readonly resumed: Promise<void>; readonly release: () => void } | null = null;
  #pausedMs = 0;
  stopRequested = false;
  // A message to ourselves is the quickest way to let queued messages in: a setTimeout(0) chain is
  // clamped to 4 ms a step by the browser, which would cost a second per MLP epoch.
  readonly #channel = new MessageChannel();
  readonly #waiting: (() => void)[] = [];

  constructor() {
    this.#channel.port1.onmessage = () => this.#waiting.shift()?.();
  }

  get paused(): boolean {
    return this.#paused !== null;
  }

  /** Milliseconds spent paused so far. */
  get pausedMs(): number {
    return this.#pausedMs + (this.#paused ? performance.now() - this.#paused.since : 0);
  }

  pause(): void {
    if (this.#paused || this.stopRequested) return;
    let release!: () => void;
    const resumed = new Promise<void>((resolve) => (release = resolve));
    this.#paused = { since: performance.now(), resumed, release };
  }

  resume(): void {
    if (!this.#paused) return;
    this.#pausedMs += performance.now() - this.#paused.since;
    this.#paused.release();
    this.#paused = null;
  }

  /** Stops at the next check; a paused run wakes up to stop. */
  stop(): void {
    this.stopRequested = true;
    this.resume();
  }

  /**
   * Called between steps: lets the worker handle its messages (pause, stop, predict), then waits
   * while paused. Resolves to true when the run should stop.
   */
  async betweenSteps(): Promise<boolean> {
    await new Promise<void>((resolve) => {
      this.#waiting.push(resolve);
      this.#channel.port2.postMessage(null);
    });
    while (this.#paused) await this.#paused.resumed;
    return this.stopRequested;
  }
}
