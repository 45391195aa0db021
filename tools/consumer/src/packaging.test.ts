import { describe, expect, inject, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { run } from './run.js';
import { publicPackages } from './workspace.js';

const { tarballs, project } = inject('consumer');
const versions = Object.fromEntries(publicPackages().map(({ name, version }) => [name, version]));
// The CLI's own script (its package exports no path to it).
const attw = join(import.meta.dirname, '..', 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js');

describe.each(publicPackages().map(({ name, manifest }) => ({ name, manifest })))('$name as packed', ({ name, manifest }) => {
  it('publint (strict, suggestions included) finds nothing', async () => {
    const bytes = await readFile(tarballs[name]!);
    const tarball = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const { messages } = await publint({ pack: { tarball }, strict: true, level: 'suggestion' });
    expect(messages.map((message) => formatMessage(message, manifest) ?? message.code)).toEqual([]);
  });

  it('installs a manifest whose ranges for sibling packages are versions, not workspace: ranges', async () => {
    const installed = await readFile(join(project, 'node_modules', name, 'package.json'), 'utf8');
    expect(installed).not.toContain('workspace:');
    const parsed = JSON.parse(installed) as Record<string, Record<string, string> | undefined>;
    for (const field of ['dependencies', 'peerDependencies'] as const) {
      for (const [dependency, range] of Object.entries(parsed[field] ?? {})) {
        if (versions[dependency] === undefined) continue;
        // Plugins take the core as a peer in a range (one copy for the app and every plugin); the rest pin the version packed with them.
        expect(range, `${field}.${dependency}`).toBe(field === 'peerDependencies' ? '>=0.1.0 <1.0.0' : versions[dependency]);
      }
    }
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
