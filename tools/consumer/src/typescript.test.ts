import { describe, expect, inject, it } from 'vitest';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { run } from './run.js';

const { project } = inject('consumer');
// The workspace's TypeScript compiler, run over the project: only the project's node_modules (the
// installed tarballs) are seen, since module resolution starts from the files being checked.
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const typesFolder = join(project, 'types');

function typecheck(config: string) {
  return run(process.execPath, [tsc, '--project', config, '--pretty', 'false'], { cwd: typesFolder, timeoutMs: 180_000 });
}

describe('TypeScript against the published .d.ts files (strict, skipLibCheck off)', () => {
  it('moduleResolution node16: an ES module and a CommonJS module check clean', async () => {
    const { status, stdout } = await typecheck('tsconfig.node16.json');
    expect(stdout).toBe('');
    expect(status).toBe(0);
  });

  it('moduleResolution bundler: the ES module checks clean', async () => {
    const { status, stdout } = await typecheck('tsconfig.bundler.json');
    expect(stdout).toBe('');
    expect(status).toBe(0);
  });

  it('catches a deliberate type error, and only that one', async () => {
    const { status, stdout } = await typecheck('tsconfig.type-error.json');
    expect(status).not.toBe(0);
    const errors = stdout.trim().split('\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^type-error\.mts\(4,14\): error TS2322: Type 'readonly number\[\]' is not assignable to type 'string'\.$/);
  });
});
