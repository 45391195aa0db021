import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The rules a third-party plugin lives by, checked on this package's own source: only the public
 * entry points of @neurite/tensor and @neurite/nn, nothing outside this folder, and no synchronous
 * reads (dataSync/arraySync would throw on the worker and WebGPU backends).
 */
const sourceDir = fileURLToPath(new URL('.', import.meta.url));
const sources = (readdirSync(sourceDir, { recursive: true }) as string[])
  .filter((file) => file.endsWith('.ts') && !file.includes('.test.'))
  .map((file) => ({ file, text: readFileSync(join(sourceDir, file), 'utf8') }));

describe('plugin rules', () => {
  it('imports only @neurite/tensor, @neurite/nn and its own files', () => {
    expect(sources.length).toBeGreaterThan(5);
    for (const { file, text } of sources) {
      for (const [, specifier] of text.matchAll(/from '([^']+)'/g)) {
        const allowed = specifier === '@neurite/tensor' || specifier === '@neurite/nn' || (specifier.startsWith('.') && !join(file, '..', specifier).startsWith('..'));
        expect(allowed, `${file} imports '${specifier}'`).toBe(true);
      }
    }
  });

  it('never reads values synchronously', () => {
    for (const { file, text } of sources) expect(/\b(dataSync|arraySync)\s*\(/.test(text), `${file} reads synchronously`).toBe(false);
  });
});
