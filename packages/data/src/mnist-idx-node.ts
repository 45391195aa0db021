import { standardIdxNames, type MnistIdxFiles, type MnistIdxNames } from './mnist-idx.js';

/** The other spelling some mirrors use (`train-images.idx3-ubyte`), tried after the standard one. */
function alternativeName(name: string): string {
  return name.replace(/-(idx\d-ubyte)$/, '.$1');
}

/**
 * Node: reads the four MNIST IDX files from `dataDir`, each as `name` or `name.gz` (gunzipped
 * with node:zlib). Returns the bytes and the paths, for error messages and the data's description.
 */
export async function readIdxFolder(dataDir: string): Promise<{ files: MnistIdxFiles; names: MnistIdxNames }> {
  const [path, fs, zlib, util] = await Promise.all([import('node:path'), import('node:fs/promises'), import('node:zlib'), import('node:util')]);
  const gunzip = util.promisify(zlib.gunzip);
  const folder = path.resolve(dataDir);
  const stats = await fs.stat(folder).catch(() => null);
  if (stats === null || !stats.isDirectory()) throw new Error(`mnist: dataDir ${folder} is not a folder`);

  const read = async (standard: string): Promise<[string, Uint8Array]> => {
    const candidates = [standard, alternativeName(standard)].flatMap((name) => [name, `${name}.gz`]);
    for (const candidate of [...new Set(candidates)]) {
      const file = path.join(folder, candidate);
      const bytes = await fs.readFile(file).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw new Error(`mnist: cannot read ${file}: ${error.message}`, { cause: error });
      });
      if (bytes === null) continue;
      // Decide by content, not by name: a `.gz` that was already unpacked by a browser still works.
      if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return [file, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)];
      try {
        const unpacked = await gunzip(bytes);
        return [file, new Uint8Array(unpacked.buffer, unpacked.byteOffset, unpacked.byteLength)];
      } catch (error) {
        throw new Error(`${file}: cannot decompress this gzip file: ${(error as Error).message}`, { cause: error });
      }
    }
    throw new Error(`mnist: no ${standard} in ${folder} (looked for ${[...new Set(candidates)].join(', ')})`);
  };

  const roles = Object.keys(standardIdxNames) as (keyof MnistIdxFiles)[];
  const entries = await Promise.all(roles.map(async (role) => [role, await read(standardIdxNames[role])] as const));
  const files = Object.fromEntries(entries.map(([role, [, bytes]]) => [role, bytes])) as unknown as MnistIdxFiles;
  const names = Object.fromEntries(entries.map(([role, [file]]) => [role, file])) as unknown as MnistIdxNames;
  return { files, names };
}
