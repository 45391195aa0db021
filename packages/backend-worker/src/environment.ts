/** What the platform offers the pool: cores, shared memory, and where the worker script is. */

interface ProcessLike {
  readonly versions?: { readonly node?: string };
  getBuiltinModule?(id: string): unknown;
}

const processLike = (globalThis as { process?: ProcessLike }).process;
export const inNode = typeof processLike?.versions?.node === 'string';

/** The cores available to this process (Node: `os.availableParallelism()`), at least 1. */
export function defaultWorkerCount(): number {
  const os = processLike?.getBuiltinModule?.('node:os') as { availableParallelism?(): number; cpus(): unknown[] } | undefined;
  const cores = os ? (os.availableParallelism?.() ?? os.cpus().length) : (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return Math.max(1, Math.min(cores ?? 1, 16));
}

/** The headers that make a page cross-origin isolated, as the docs and the error say them. */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

/**
 * Why the pool cannot share memory here, or undefined. Browsers give SharedArrayBuffer (and shared
 * WebAssembly memory) only to cross-origin isolated pages.
 */
export function isolationProblem(): string | undefined {
  const scope = globalThis as { crossOriginIsolated?: boolean };
  const hasShared = typeof SharedArrayBuffer === 'function';
  if (hasShared && scope.crossOriginIsolated !== false) return undefined;
  const headers = Object.entries(ISOLATION_HEADERS).map(([name, value]) => `${name}: ${value}`).join(' and ');
  return (
    "setBackend('worker'): this page is not cross-origin isolated, so SharedArrayBuffer, which the worker backend shares " +
    `its heap through, is unavailable. Serve the page with the headers ${headers} ` +
    '(Vite: server.headers and preview.headers), or use the cpu or webgpu backend.'
  );
}

/**
 * The worker script: `dist/worker.js` of this package. Written as `../dist/` so that it resolves
 * from the build (dist/index.js) and from the sources the package's own tests run (src/).
 */
export function defaultWorkerUrl(): URL {
  return new URL('../dist/worker.js', import.meta.url);
}
