/**
 * Vitest set-up file, in every test file of every package (Node and browser): registers the worker
 * pool backend under the name 'worker', so the backend-generic suites (`describeEachBackend`) run
 * on it too. In a browser it needs cross-origin isolation (the browser test server sends the
 * COOP/COEP headers); where that is missing the suites leave it out and say so loudly, and with
 * NEURITE_REQUIRE_ALL set (CI) or 'worker' named in NEURITE_BACKENDS that is a failure instead.
 */
import { backends } from '@neurite/backend';
import { createWorkerBackend, isolationProblem } from '@neurite/backend-worker';

const environment = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
const requireAll = Boolean(environment.NEURITE_REQUIRE_ALL) || (environment.NEURITE_BACKENDS ?? '').split(',').map((name) => name.trim()).includes('worker');
const reason = isolationProblem();
if (reason === undefined) {
  if (!backends.has('worker')) backends.register('worker', () => createWorkerBackend(), { priority: 1 });
} else if (requireAll) {
  throw new Error(`The worker backend is required here (NEURITE_REQUIRE_ALL or NEURITE_BACKENDS=…worker) but cannot run: ${reason}`);
} else if (!(globalThis as { neuriteWorkerWarned?: boolean }).neuriteWorkerWarned) {
  (globalThis as { neuriteWorkerWarned?: boolean }).neuriteWorkerWarned = true;
  console.warn(`\n${'!'.repeat(72)}\nSKIPPED the worker-backend runs of the backend suites: ${reason}\n${'!'.repeat(72)}`);
}
