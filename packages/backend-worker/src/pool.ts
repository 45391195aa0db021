import type { MainToWorker, WorkerToMain } from './protocol.js';

/** One thread of the pool, whatever the platform gives (Node's `worker_threads`, a Web Worker). */
export interface PoolThread {
  post(message: MainToWorker): void;
  terminate(): void;
  /** Node: whether the thread keeps the process alive. Browsers: nothing. */
  ref(): void;
  unref(): void;
}

export interface ThreadEvents {
  message(message: WorkerToMain): void;
  /** The thread died: an uncaught error, an exit, or a terminate we did not ask for. */
  failed(reason: string): void;
}

type Spawn = (url: URL, events: ThreadEvents) => PoolThread;

/** Node: a `worker_threads` Worker running the ESM worker script. */
async function nodeSpawner(): Promise<Spawn> {
  // A variable specifier keeps browser bundlers from resolving a Node module they cannot have.
  const specifier = 'node:worker_threads';
  const { Worker } = (await import(/* @vite-ignore */ /* webpackIgnore: true */ specifier)) as typeof import('node:worker_threads');
  // A worker inherits the process's flags; --input-type (of `node --input-type=module -e`) is refused for a file.
  const execArgv = process.execArgv.filter((flag) => !flag.startsWith('--input-type'));
  return (url, events) => {
    const worker = new Worker(url, { execArgv });
    let ended = false;
    worker.on('message', (message: WorkerToMain) => events.message(message));
    worker.on('error', (error) => {
      ended = true;
      events.failed(`threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    });
    worker.on('exit', (code) => {
      if (!ended) events.failed(`exited with code ${code}`);
      ended = true;
    });
    return {
      post: (message) => worker.postMessage(message),
      terminate: () => {
        ended = true;
        void worker.terminate();
      },
      ref: () => worker.ref(),
      unref: () => worker.unref(),
    };
  };
}

/** Browsers: a module Web Worker. */
function browserSpawner(): Spawn {
  return (url, events) => {
    const worker = new Worker(url, { type: 'module', name: 'neurite-worker' });
    worker.addEventListener('message', (event: MessageEvent<WorkerToMain>) => events.message(event.data));
    worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      events.failed(`threw ${event.message || 'an error (the worker script may have failed to load)'}`);
    });
    worker.addEventListener('messageerror', () => events.failed('received a message it could not read'));
    return { post: (message) => worker.postMessage(message), terminate: () => worker.terminate(), ref: () => undefined, unref: () => undefined };
  };
}

const inNode = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';

/** Starts a thread of the worker script at `url` on this platform. */
export async function threadSpawner(): Promise<Spawn> {
  return inNode ? nodeSpawner() : browserSpawner();
}

/**
 * N threads of the worker script, started and handshaken: each says it is listening ('alive'), is
 * sent its start message, and answers 'ready' once its kernels are instantiated. After that, a
 * thread that dies is reported through `onFailure` (once per pool). Threads are unref'd in Node,
 * so an idle pool never keeps a process alive; `hold` refs them while someone awaits results.
 */
export class ThreadPool {
  #holds = 0;
  #ended = false;
  #started = false;

  private constructor(private readonly threads: readonly PoolThread[]) {}

  static async start(
    count: number, url: URL, startMessage: (index: number) => MainToWorker, onFailure: (index: number, reason: string) => void, onProgress: () => void,
  ): Promise<ThreadPool> {
    const spawn = await threadSpawner();
    const threads: PoolThread[] = [];
    const pool = new ThreadPool(threads);
    const ready = Array.from({ length: count }, (_, index) => new Promise<void>((resolve, reject) => {
      const thread = spawn(url, {
        message: (message) => {
          if (message.type === 'alive') thread.post(startMessage(index));
          else if (message.type === 'ready') resolve();
          else onProgress();
        },
        failed: (reason) => {
          reject(new Error(`worker ${index + 1} of ${count} ${reason} while starting (script: ${url.href})`));
          if (pool.#started && !pool.#ended) onFailure(index, reason);
        },
      });
      threads.push(thread);
    }));
    try {
      await Promise.all(ready);
    } catch (error) {
      for (const thread of threads) thread.terminate();
      throw error;
    }
    pool.#started = true;
    for (const thread of threads) thread.unref();
    return pool;
  }

  get size(): number {
    return this.threads.length;
  }

  post(index: number, message: MainToWorker): void {
    this.threads[index].post(message);
  }

  broadcast(message: MainToWorker): void {
    for (const thread of this.threads) thread.post(message);
  }

  /** Keeps the process alive while a result is awaited (Node); `release` undoes one hold. */
  hold(): void {
    if (this.#holds++ === 0) for (const thread of this.threads) thread.ref();
  }

  release(): void {
    if (--this.#holds === 0 && !this.#ended) for (const thread of this.threads) thread.unref();
  }

  terminate(): void {
    this.#ended = true;
    for (const thread of this.threads) thread.terminate();
  }
}
