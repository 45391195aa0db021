import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ISOLATION_HEADERS } from 'neurite';
import { appDir } from './browser.js';

// The static build as a host would receive it: dist/web plus the headers file that says how to serve it.

describe('the built page (dist/web)', () => {
  it('ships a _headers file that asks for exactly the isolation headers the worker backend needs', () => {
    const text = readFileSync(join(appDir, 'dist/web/_headers'), 'utf8');
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('/*');
    const headers = Object.fromEntries(lines.slice(1).map((line) => line.trim().split(/:\s*/, 2) as [string, string]));
    expect(headers).toEqual(ISOLATION_HEADERS);
  });

  it('loads every script and style from its own folder, by relative path, so any static host at any path serves it', () => {
    const html = readFileSync(join(appDir, 'dist/web/index.html'), 'utf8');
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(references.length).toBeGreaterThanOrEqual(2);
    for (const reference of references.filter((r) => r !== 'data:,')) expect(reference).toMatch(/^\.\/assets\//);
  });
});
