import { CONTROL, CONTROL_BYTES, reached, type Task, type WorkerCommand } from './protocol.js';

/** Commands whose op names are kept, so that a crash report can name the op a worker was running. */
const REMEMBERED = 4096;
/** Post a batch once it holds this many commands, so the workers start before the step is enqueued. */
const BATCH_COMMANDS = 4;

/**
 * The submission side of one pool generation: numbers commands, hands each worker its tasks in
 * batches, and knows how far the workers are through a control block they share. A command's
 * parts each add one to the completed-parts counter; a command starts once the counter covers
 * every part of every command before it (its `start`), and is done once it covers its own.
 */
export class CommandQueue {
  readonly control = new Int32Array(new SharedArrayBuffer(CONTROL_BYTES));
  /** Set once a worker of this generation died: waits on it end with this. */
  failure: Error | undefined;
  /** Parts submitted so far: the counter's value once everything submitted is done. */
  #submitted = 0;
  #seq = 0;
  readonly #outboxes: WorkerCommand[][];
  #scheduled = false;
  #waiters: (() => void)[] = [];
  readonly #names: string[] = new Array<string>(REMEMBERED);
  readonly #ends = new Int32Array(REMEMBERED);

  constructor(
    readonly workers: number,
    private readonly post: (worker: number, commands: readonly WorkerCommand[]) => void,
  ) {
    this.#outboxes = Array.from({ length: workers }, () => []);
  }

  get submitted(): number {
    return this.#submitted;
  }

  get completed(): number {
    return Atomics.load(this.control, CONTROL.completed);
  }

  /** Whether every part submitted before `target` was taken has run. */
  done(target: number): boolean {
    return reached(this.completed, target);
  }

  /** The counter value at which a command of `parts` parts submitted now will be done. */
  endOfNext(parts: number): number {
    return (this.#submitted + parts) | 0;
  }

  /**
   * Submits one command. A command of one part goes to worker 0 alone; the parts of a split one
   * go to every worker, which claim them as they come free. Returns the count at which it is done.
   */
  submit(op: string, tasks: readonly Task[]): number {
    const start = this.#submitted;
    const seq = this.#seq;
    this.#seq = (seq + 1) | 0;
    const command = { seq, start, tasks };
    if (tasks.length === 1) this.#outboxes[0].push(command);
    else for (const outbox of this.#outboxes) outbox.push(command);
    this.#submitted = (start + tasks.length) | 0;
    this.#names[seq & (REMEMBERED - 1)] = op;
    this.#ends[seq & (REMEMBERED - 1)] = this.#submitted;
    // Idle workers get it at once; busy ones in batches (a message costs more than a command).
    if (this.done(start) || this.#outboxes[0].length >= BATCH_COMMANDS) this.flush();
    else if (!this.#scheduled) {
      this.#scheduled = true;
      queueMicrotask(() => this.flush());
    }
    return this.#submitted;
  }

  /** Posts every worker its waiting commands. */
  flush(): void {
    this.#scheduled = false;
    this.#outboxes.forEach((commands, worker) => {
      if (commands.length === 0) return;
      this.post(worker, commands);
      this.#outboxes[worker] = [];
    });
  }

  /** What worker `index` was doing, in words, for a crash report. */
  describeWorker(index: number): string {
    const seq = Atomics.load(this.control, CONTROL.running + index);
    const name = this.#names[seq & (REMEMBERED - 1)];
    if (this.#seq === 0 || name === undefined) return 'before running any op';
    return this.done(this.#ends[seq & (REMEMBERED - 1)]) ? `after running '${name}'` : `while running '${name}'`;
  }

  /** Wakes whoever waits on the counter (a worker said it got there, or the pool failed): each looks again. */
  wakeAll(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  /**
   * Resolves once the counter reaches `target`, or as soon as `failed()` says the pool cannot get
   * there. Never blocks the thread: it records the nearest target it waits for in the control
   * block, and the worker whose part gets the counter there posts 'progress' (measured in Node 20:
   * a message wakes the main thread in about 0.1 ms, `Atomics.waitAsync` in about 1 ms). Any number
   * of reads may wait at once: every wake-up wakes them all, and each arms again for its own target.
   */
  async waitFor(target: number, failed: () => Error | undefined): Promise<void> {
    this.flush();
    for (;;) {
      const failure = failed();
      if (failure) throw failure;
      if (reached(this.completed, target)) return;
      const woken = new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
      });
      this.#arm(target);
      // The workers add to the counter before they look at the flag, and this looks at the counter
      // after raising it: one side or the other sees the count reached.
      if (reached(this.completed, target)) this.wakeAll();
      await woken;
    }
  }

  /** Asks the workers to post 'progress' at `target`, or at the nearer target another waiter set. */
  #arm(target: number): void {
    const control = this.control;
    if (Atomics.load(control, CONTROL.waiting) !== 1 || reached(Atomics.load(control, CONTROL.waitTarget), target)) {
      Atomics.store(control, CONTROL.waitTarget, target);
    }
    Atomics.store(control, CONTROL.waiting, 1);
  }
}
