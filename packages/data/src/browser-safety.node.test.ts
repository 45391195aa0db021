import { describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

// Browsers must never load a Node module: the package's code may reach node:* only through
// dynamic import() inside the Node-only files (named *-node.ts), which mnist() imports lazily.
describe('browser safety of the sources', () => {
  it('imports node:* only dynamically, and only in the *-node.ts files', async () => {
    const folder = join(import.meta.dirname);
    const sources = (await readdir(folder)).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts'));
    expect(sources.length).toBeGreaterThan(5);
    for (const name of sources) {
      const text = await readFile(join(folder, name), 'utf8');
      expect(text, name).not.toMatch(/^\s*import\s[^(]*from\s+['"]node:/m);
      expect(text, name).not.toMatch(/\brequire\(/);
      if (!name.endsWith('-node.ts')) expect(text, name).not.toMatch(/import\(\s*['"]node:/);
    }
  });
});
