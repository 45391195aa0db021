// Writes dist/*.d.cts beside the dist/*.d.ts that tsc emitted, for the CommonJS build's types:
// a `require` that resolved to a .d.ts in this `"type": "module"` package would be typed as an ES
// module. Relative specifiers move with the files: './nn.js' becomes './nn.cjs' (whose types
// TypeScript then finds in ./nn.d.cts).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const dist = join(import.meta.dirname, '..', 'dist');
const declarations = (await readdir(dist)).filter((name) => name.endsWith('.d.ts'));
if (declarations.length === 0) throw new Error(`cts-declarations: no .d.ts files in ${dist}; run tsc first`);
for (const name of declarations) {
  const text = await readFile(join(dist, name), 'utf8');
  const cts = text.replace(/(from\s+|import\()(['"])(\.{1,2}\/[^'"]+)\.js\2/g, '$1$2$3.cjs$2');
  await writeFile(join(dist, name.replace(/\.d\.ts$/, '.d.cts')), cts);
}
console.log(`cts-declarations: ${declarations.length} .d.cts files written`);
