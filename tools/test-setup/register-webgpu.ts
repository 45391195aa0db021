/**
 * Vitest set-up file, in every test file of every package (Node and browser): registers the WebGPU
 * backend under the name 'webgpu' where it can run, so the backend-generic suites
 * (`describeEachBackend`) run on it too. Where it cannot, the suites leave it out and say so
 * loudly; with NEURITE_REQUIRE_ALL set (CI) or with 'webgpu' named in NEURITE_BACKENDS, that is a
 * failure instead.
 */
import { backends } from '@neurite/backend';
import { createWebGpuBackend } from '@neurite/backend-webgpu';

const environment = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
const requireAll = Boolean(environment.NEURITE_REQUIRE_ALL) || (environment.NEURITE_BACKENDS ?? '').split(',').map((name) => name.trim()).includes('webgpu');
const inBrowser = typeof (globalThis as { window?: unknown }).window !== 'undefined';

/** In a browser, ask for an adapter (cheap); in Node, the global set-up already tried a device. */
async function unavailability(): Promise<string | undefined> {
  if (!inBrowser) return environment.NEURITE_WEBGPU_UNAVAILABLE;
  const gpu = (navigator as { gpu?: GPU }).gpu;
  if (!gpu) return 'this browser has no navigator.gpu (Chromium needs --enable-unsafe-webgpu on Linux)';
  const adapter = await gpu.requestAdapter();
  return adapter ? undefined : 'navigator.gpu.requestAdapter() returned null';
}

const reason = await unavailability();
if (reason === undefined) {
  if (!backends.has('webgpu')) backends.register('webgpu', () => createWebGpuBackend(), { priority: 2 });
} else if (requireAll) {
  throw new Error(`WebGPU is required here (NEURITE_REQUIRE_ALL or NEURITE_BACKENDS=…webgpu) but cannot run: ${reason}`);
} else if (!(globalThis as { neuriteWebGpuWarned?: boolean }).neuriteWebGpuWarned) {
  (globalThis as { neuriteWebGpuWarned?: boolean }).neuriteWebGpuWarned = true;
  console.warn(`\n${'!'.repeat(72)}\nSKIPPED the WebGPU runs of the backend suites: ${reason}\n${'!'.repeat(72)}`);
}
