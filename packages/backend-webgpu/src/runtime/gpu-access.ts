/**
 * Where a `GPU` comes from: `navigator.gpu` in browsers, the `webgpu` npm package (Dawn) in Node.
 * The package is an optional peer dependency, imported only here, when a backend initialises.
 */

/** What `import('webgpu')` gives: a factory for a `GPU` and the WebGPU globals (GPUBufferUsage, …). */
interface DawnModule {
  create(options: string[]): GPU;
  globals: Record<string, unknown>;
}

/**
 * Dawn's `GPU` object must stay reachable for as long as any device made from it is in use: if the
 * garbage collector takes it, Dawn aborts or hangs the process. So the one made here is kept for the
 * life of the process, in this module (the only state it has), and shared by every backend.
 */
let dawnGpu: Promise<GPU> | undefined;

function browserGpu(): GPU | undefined {
  const navigatorLike = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  return navigatorLike?.gpu;
}

function isNode(): boolean {
  const processLike = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof processLike?.versions?.node === 'string';
}

async function loadDawn(): Promise<GPU> {
  // A variable specifier, so that bundlers for browsers leave the Node-only package alone.
  const specifier = 'webgpu';
  let dawn: DawnModule;
  try {
    dawn = (await import(/* @vite-ignore */ /* webpackIgnore: true */ specifier)) as DawnModule;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `webgpu: WebGPU in Node needs the optional peer dependency 'webgpu' (Dawn): install it with \`npm install webgpu\` (${reason})`,
      { cause: error },
    );
  }
  // Dawn's objects check `instanceof GPUBuffer` and friends, and shaders use GPUBufferUsage etc.
  for (const [name, value] of Object.entries(dawn.globals)) {
    if (!(name in globalThis)) (globalThis as Record<string, unknown>)[name] = value;
  }
  return dawn.create([]);
}

/**
 * The `GPU` of this environment. Rejects with what to install or enable when there is none:
 * a browser without `navigator.gpu`, or Node without the `webgpu` package.
 */
export function gpuOfEnvironment(): Promise<GPU> {
  const gpu = browserGpu();
  if (gpu) return Promise.resolve(gpu);
  if (!isNode()) {
    return Promise.reject(
      new Error('webgpu: this browser has no navigator.gpu. WebGPU needs a secure context (https or localhost) in Chromium 113+, Edge, Safari 26+ or Firefox 141+; in Chromium on Linux enable it with --enable-unsafe-webgpu'),
    );
  }
  dawnGpu ??= loadDawn().catch((error: unknown) => {
    dawnGpu = undefined; // let a later attempt (after an install) try again
    throw error;
  });
  return dawnGpu;
}
