import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's root folder. */
export const repositoryRoot = join(import.meta.dirname, '..', '..', '..');

export interface PublicPackage {
  readonly name: string;
  readonly version: string;
  /** The package's folder in the workspace. */
  readonly folder: string;
  readonly manifest: Record<string, unknown>;
}

/** Every package of packages/ that is published to npm (not private), by name. */
export function publicPackages(): PublicPackage[] {
  const root = join(repositoryRoot, 'packages');
  return readdirSync(root)
    .map((entry) => join(root, entry))
    .filter((folder) => existsSync(join(folder, 'package.json')))
    .map((folder) => ({ folder, manifest: JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as Record<string, unknown> }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ folder, manifest }) => ({ name: String(manifest.name), version: String(manifest.version), folder, manifest }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The tarball file name `pnpm pack` gives a package: `@neurite/nn` 0.1.0 → `neurite-nn-0.1.0.tgz`. */
export function tarballName(name: string, version: string): string {
  return `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
}
