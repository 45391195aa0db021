/**
 * The worker pool's thread: maps the shared heap, instantiates the CPU backend's kernel module
 * over it, and takes the commands in order. Before a command it waits on the completed-parts
 * counter until every part of every earlier command is done, so the command sees its inputs
 * written, whichever thread wrote them; then it claims the command's parts one at a time with the
 * other workers.
 */
import { KernelDataError, type CpuKernelFunction } from '@neurite/backend';
import { instantiateWasmKernels, pluginKernelEntry } from '@neurite/backend-cpu/kernels';
import { CONTROL, recordFailure, reached, type MainToWorker, type WorkerCommand } from './protocol.js';
import { TaskRunner, TaskScratch } from './task-runner.js';

/** The messaging end a worker has: Node's `parentPort` or a Web Worker's global scope. */
interface Port {
  postMessage(message: unknown): void;
  onMessage(handler: (message: MainToWorker) => void): void;
}

async function parentPort(): Promise<Port> {
  const scope = globalThis as unknown as { WorkerGlobalScope?: unknown; postMessage(message: unknown): void; addEventListener(type: 'message', handler: (event: MessageEvent) => void): void };
  if (scope.WorkerGlobalScope !== undefined) {
    return { postMessage: (message) => scope.postMessage(message), onMessage: (handler) => scope.addEventListener('message', (event) => handler(event.data as MainToWorker)) };
  }
  // A variable specifier keeps browser bundlers from resolving a Node module they cannot have.
  const specifier = 'node:worker_threads';
  const { parentPort: port } = (await import(/* @vite-ignore */ /* webpackIgnore: true */ specifier)) as typeof import('node:worker_threads');
  if (!port) throw new Error('@neurite/backend-worker: worker.js runs only as a worker of the worker backend');
  return { postMessage: (message) => port.postMessage(message), onMessage: (handler) => port.on('message', handler) };
}

/**
 * Spins this many times on the counter (about 100 µs) before sleeping: within a training step the
 * next part usually comes sooner than that, and a sleeping thread costs a futex wake to resume.
 */
const SPINS = 20000;

class WorkerThread {
  readonly #control: Int32Array;
  readonly #runner: TaskRunner;

  constructor(private readonly index: number, private readonly port: Port, start: Extract<MainToWorker, { type: 'start' }>) {
    this.#control = new Int32Array(start.control);
    const scratch = new TaskScratch();
    const wasm = start.kernelModule
      ? instantiateWasmKernels(start.memory, scratch, { simd: true, relaxedSimd: start.relaxedSimd }, { module: start.kernelModule, sgemmScratch: start.sgemmScratch })
      : undefined;
    this.#runner = new TaskRunner(start.memory, wasm, scratch);
  }

  async handle(message: MainToWorker, memory: WebAssembly.Memory): Promise<void> {
    switch (message.type) {
      case 'batch':
        for (const command of message.commands) this.#run(command);
        return;
      case 'wasm-plugin':
        try {
          this.#runner.addPlugin(message.name, pluginKernelEntry(message.name, message.module, memory, message.entry));
        } catch (error) {
          this.#runner.addPlugin(message.name, error instanceof Error ? error : new Error(String(error)));
        }
        return;
      case 'module-plugin':
        this.#runner.addPlugin(message.name, await importKernel(message.name, message.specifier, message.exportName));
        return;
      case 'start':
        return;
    }
  }

  #run(command: WorkerCommand): void {
    this.#waitFor(command.start);
    const control = this.#control;
    const parts = command.tasks.length;
    for (;;) {
      // Claim the next part: the counter stands at start + (parts claimed), never past the end.
      const claimed = Atomics.load(control, CONTROL.claimed);
      const part = (claimed - command.start) | 0;
      if (part < 0 || part >= parts) return;
      if (Atomics.compareExchange(control, CONTROL.claimed, claimed, (claimed + 1) | 0) !== claimed) continue;
      Atomics.store(control, CONTROL.running + this.index, command.seq);
      try {
        this.#runner.run(command.tasks[part]);
      } catch (error) {
        // Nobody is on the stack to catch it: the main thread rejects the next read or sync with it.
        const message = error instanceof Error ? error.message : String(error);
        recordFailure(control, error instanceof KernelDataError ? 1 : 2, message);
      }
      const completed = Atomics.add(control, CONTROL.completed, 1) + 1;
      Atomics.notify(control, CONTROL.completed);
      // The main thread is awaiting this count: tell it (a message wakes it faster than waitAsync does in Node).
      if (Atomics.load(control, CONTROL.waiting) === 1 && reached(completed, Atomics.load(control, CONTROL.waitTarget))
        && Atomics.compareExchange(control, CONTROL.waiting, 1, 0) === 1) this.port.postMessage({ type: 'progress' });
    }
  }

  #waitFor(target: number): void {
    let spins = 0;
    for (;;) {
      const completed = Atomics.load(this.#control, CONTROL.completed);
      if (reached(completed, target)) return;
      if (spins++ < SPINS) continue;
      Atomics.wait(this.#control, CONTROL.completed, completed);
    }
  }
}

/** A plugin's worker-form kernel, or the error that says why it could not be loaded. */
async function importKernel(name: string, specifier: string, exportName: string): Promise<CpuKernelFunction<never> | Error> {
  try {
    const module = (await import(/* @vite-ignore */ /* webpackIgnore: true */ specifier)) as Record<string, unknown>;
    const kernel = module[exportName];
    if (typeof kernel === 'function') return kernel as CpuKernelFunction<never>;
    return new Error(`${name}: the worker kernel module '${specifier}' has no function export '${exportName}' (it exports: ${Object.keys(module).join(', ') || 'nothing'})`);
  } catch (error) {
    return new Error(`${name}: the worker could not import its kernel module '${specifier}': ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * Starts listening. Not top-level await: bundlers copy this file as an asset (webpack minifies it
 * as a classic script, where a top-level await does not parse), so it must be a plain script that
 * happens to be loaded as a module.
 */
async function main(): Promise<void> {
  const port = await parentPort();
  let thread: WorkerThread | undefined;
  let memory: WebAssembly.Memory | undefined;
  // Messages are handled one after another, even where one awaits (a plugin's module import).
  let chain: Promise<void> = Promise.resolve();
  port.onMessage((message) => {
    chain = chain.then(() => {
      if (message.type === 'start') {
        memory = message.memory;
        thread = new WorkerThread(message.index, port, message);
        port.postMessage({ type: 'ready' });
        return;
      }
      return thread!.handle(message, memory!);
    });
  });
  // Listening now: the main thread sends 'start' only after this, so no message can arrive unheard.
  port.postMessage({ type: 'alive' });
}

void main();
