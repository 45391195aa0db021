import { describe, expect, inject, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { run } from './run.js';
import { publicPackages } from './workspace.js';

const { tarballs } = inject('consumer');
// The CLI's own script (its package exports no path to it).
const attw = join(import.meta.dirname, '..', 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js');

describe.each(publicPackages().map(({ name, manifest }) => ({ name, manifest })))('$name as packed', ({ name, manifest }) => {
  it('publint (strict, suggestions included) finds nothing', async () => {
    const bytes = await readFile(tarballs[name]!);
    const tarball = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const { messages } = await publint({ pack: { tarball }, strict: true, level: 'suggestion' });
    expect(messages.map((message) => formatMessage(message, manifest) ?? message.code)).toEqual([]);
  });

  // The node16 profile: every resolution mode but node10, which TypeScript 6 deprecates and which
  // predates `exports` (our engines field asks for Node 20, which reads `exports`). The worker
  // script is loaded by the worker backend itself, as an ES module, never imported by users.
  it('arethetypeswrong (node16 profile) finds no problem in any entry point', async () => {
    const { status, stdout, stderr } = await run(process.execPath, [attw, tarballs[name]!, '--profile', 'node16', '--exclude-entrypoints', './worker.js', '--format', 'ascii', '--no-color', '--no-emoji'], { cwd: import.meta.dirname });
    // It exits 1 on any problem that the profile does not ignore, and names the package it read.
    expect({ status, output: status === 0 ? '' : `${stdout}${stderr}` }).toEqual({ status: 0, output: '' });
    expect(stdout).toContain(`${name} v${String(manifest.version)}`);
  });
});
