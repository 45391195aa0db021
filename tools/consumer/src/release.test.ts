import { beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pnpmCommand } from './global-setup.js';
import { runOk } from './run.js';
import { publicPackages, repositoryRoot } from './workspace.js';

/**
 * A release rehearsed on a scratch copy: `changeset version` applies the pending changesets, then
 * `pnpm publish -r --dry-run` packs every package as the registry would receive it. The copy is
 * the repository's tracked files with the built dist/ folders (what CI builds before publishing);
 * the workspace's node_modules serve the tools, and each package's own node_modules (pnpm's
 * relative links to its siblings) are copied so that `workspace:` ranges resolve inside the copy.
 */
const packages = publicPackages();
let scratch: string;
let published: Map<string, { version: string; files: string[] }>;

/** Splits `npm notice` output into the packages it packed and the files of each. */
function parseDryRun(output: string): Map<string, { version: string; files: string[] }> {
  const found = new Map<string, { version: string; files: string[] }>();
  let current: { version: string; files: string[] } | undefined;
  for (const line of output.split('\n')) {
    const header = /^npm notice 📦\s+(.+)@(\d[^@\s]*)$/.exec(line);
    if (header) {
      current = { version: header[2]!, files: [] };
      found.set(header[1]!, current);
      continue;
    }
    if (/^npm notice Tarball Details/.test(line)) current = undefined;
    const file = /^npm notice [\d.]+k?M?B (\S.*)$/.exec(line);
    if (current && file) current.files.push(file[1]!);
  }
  return found;
}

/** Every file an `exports` map (or main/module/types) points at. */
function exportedFiles(manifest: Record<string, unknown>): string[] {
  const targets = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') targets.add(value.replace(/^\.\//, ''));
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(manifest.exports);
  for (const field of ['main', 'module', 'types']) visit(manifest[field]);
  return [...targets];
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'neurite-release-'));
  const { stdout } = await runOk('git', ['ls-files', '-z'], { cwd: repositoryRoot });
  for (const file of stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(repositoryRoot, file))) continue; // deleted in the work tree, not yet committed
    await mkdir(dirname(join(scratch, file)), { recursive: true });
    await cp(join(repositoryRoot, file), join(scratch, file));
  }
  for (const { folder } of packages) {
    const relative = folder.slice(repositoryRoot.length + 1);
    await cp(join(folder, 'dist'), join(scratch, relative, 'dist'), { recursive: true });
    await cp(join(folder, 'node_modules'), join(scratch, relative, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  }
  await symlink(join(repositoryRoot, 'node_modules'), join(scratch, 'node_modules'));
  await runOk(process.execPath, [join(repositoryRoot, 'node_modules', '@changesets', 'cli', 'bin.js'), 'version'], { cwd: scratch });
  const [pnpm, pnpmArgs] = pnpmCommand();
  const { stdout: out, stderr } = await runOk(pnpm, [...pnpmArgs, 'publish', '-r', '--dry-run', '--no-git-checks'], { cwd: scratch, timeoutMs: 300_000 });
  published = parseDryRun(`${out}\n${stderr}`);
  console.log(`release dry run: ${[...published].map(([name, { version, files }]) => `${name}@${version} (${files.length} files)`).join(', ')}`);
  return () => rm(scratch, { recursive: true, force: true });
}, 600_000);

describe('release dry run: changeset version, then pnpm publish -r --dry-run', () => {
  it('would publish every public package and nothing else', () => {
    expect([...published.keys()].sort()).toEqual(packages.map(({ name }) => name).sort());
  });

  describe.each(packages)('$name', ({ name, version, folder }) => {
    it('gets a higher version and a changelog entry for it', async () => {
      const relative = folder.slice(repositoryRoot.length + 1);
      const manifest = JSON.parse(await readFile(join(scratch, relative, 'package.json'), 'utf8')) as Record<string, unknown>;
      const next = String(manifest.version);
      const [major, minor, patch] = next.split('.').map(Number);
      const [oldMajor, oldMinor, oldPatch] = version.split('.').map(Number);
      expect(major! * 1e6 + minor! * 1e3 + patch!).toBeGreaterThan(oldMajor! * 1e6 + oldMinor! * 1e3 + oldPatch!);
      expect(published.get(name)?.version).toBe(next);
      expect(await readFile(join(scratch, relative, 'CHANGELOG.md'), 'utf8')).toContain(`## ${next}\n`);
    });

    it('packs its README, its manifest and every file its exports name, and no sources or tests', async () => {
      const manifest = JSON.parse(await readFile(join(folder, 'package.json'), 'utf8')) as Record<string, unknown>;
      const files = published.get(name)?.files ?? [];
      expect(files).toEqual(expect.arrayContaining(['README.md', 'package.json', ...exportedFiles(manifest).filter((file) => file !== 'package.json')]));
      expect(files.filter((file) => /^src\/|\.test\.|tsconfig|vitest/.test(file))).toEqual([]);
    });
  });
});
