/**
 * Vitest set-up file for Node tests: before every test on a backend whose reads wait on the event
 * loop (WebGPU; `kernelForm` other than 'cpu'), collects garbage and lets the FinalizationRegistry
 * run, so that what earlier tests forgot is returned before the test starts.
 *
 * Why: tests that compare `memory()` before and after awaiting a read would otherwise see other
 * tests' forgotten tensors freed in between. On the CPU and the queued test backend nothing yields
 * to the event loop where finalizers run, but a WebGPU read must (its mapAsync resolves there).
 * Collecting costs ~40 ms a test, so it is done only where it matters.
 */
import { beforeEach } from 'vitest';
import { backends } from '@neurite/backend';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

beforeEach(async () => {
  if ((backends.active?.kernelForm ?? 'cpu') === 'cpu') return;
  // Two rounds: a finalizer may free what a second collection then finds unreachable.
  for (let round = 0; round < 2; round++) {
    collect();
    await nextTask();
  }
});
