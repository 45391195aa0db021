import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { markdownFiles } from '../scripts/copy-guides.mjs';
import { collectBlocks } from './code-blocks/markdown-blocks.js';
import { blockPrograms, describeBlock, writePrograms, type BlockProgram } from './code-blocks/block-programs.js';
import { typeCheck } from './code-blocks/type-check.js';
import { runAll, transpileAll, type RunResult } from './code-blocks/run-blocks.js';

/**
 * Every TypeScript block of the guides (docs/**\/*.md) is type-checked as a user's strict project
 * would check it, against the packages' published declarations, and run in Node, one test per
 * block. Blocks run on the CPU backend, which a program gets unless it picks another.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const workDir = fileURLToPath(new URL('../.code-blocks/', import.meta.url));
const pages = markdownFiles(`${root}docs`).map((file) => `docs/${file}`);
const programs = blockPrograms(collectBlocks(root, pages), workDir);
/** Per block; the slowest trains a small model for an epoch. */
const TIME_LIMIT_MS = 60_000;

let typeErrors = new Map<BlockProgram, string[]>();
let runs = new Map<BlockProgram, RunResult>();

beforeAll(async () => {
  writePrograms(programs, workDir);
  typeErrors = typeCheck(programs);
  transpileAll(programs.map((program) => program.dir));
  runs = await runAll(programs, { concurrency: 2, timeoutMs: TIME_LIMIT_MS });
}, 600_000);

/** The end of a stream, enough to see an error without flooding the report. */
const tail = (text: string) => text.split('\n').slice(-30).join('\n');

describe('TypeScript blocks in the guides', () => {
  for (const program of programs) {
    const { run, check } = program.block;
    const mode = run ? 'type-checks and runs' : check ? 'type-checks (no-run)' : 'is neither checked nor run (no-check)';
    it(`${describeBlock(program)} ${mode}`, () => {
      if (check) expect(typeErrors.get(program), 'type errors').toEqual([]);
      if (!run) return;
      const result = runs.get(program)!;
      const output = `exit ${result.code ?? result.signal} after ${result.seconds.toFixed(1)} s\n--- stdout\n${tail(result.stdout)}\n--- stderr\n${tail(result.stderr)}`;
      expect(result.timedOut, `ran past ${TIME_LIMIT_MS / 1000} s\n${output}`).toBe(false);
      expect(result.code, output).toBe(0);
    });
  }

  it('are many, and few of them are left unrun', () => {
    const notRun = programs.filter((program) => !program.block.run);
    console.log(
      `code blocks: ${programs.length} in ${pages.length} pages; ${programs.length - notRun.length} run, ` +
        `${notRun.filter((p) => p.block.check).length} type-check only, ${notRun.filter((p) => !p.block.check).length} neither\n` +
        notRun.map((program) => `  not run: ${describeBlock(program)}${program.block.check ? '' : ' (no-check)'}`).join('\n'),
    );
    expect(programs.length).toBeGreaterThanOrEqual(30);
    // A guide's examples are meant to run: no-run is for pages in a browser and GPUs, kept rare.
    expect(notRun.length / programs.length).toBeLessThanOrEqual(0.2);
  });
});
