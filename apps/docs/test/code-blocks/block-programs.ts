import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeBlock } from './markdown-blocks.js';

/** One block as the program it is checked and run as. */
export interface BlockProgram {
  readonly block: CodeBlock;
  /** Folder of the page's programs; blocks of one page share it (and their files). */
  readonly dir: string;
  /** The program's file in `dir`: the block's `file=` name, else block-<line>.ts. */
  readonly fileName: string;
  readonly source: string;
  /** For each line of `source` (0-based), the Markdown line (1-based) it came from. */
  readonly lineMap: readonly number[];
  /** The opening lines of the earlier blocks it continues, in order. */
  readonly continued: readonly number[];
}

/** 'docs/guide/memory.md' → 'docs-guide-memory'. */
export function pageSlug(page: string): string {
  return page.replace(/\.md$/, '').replace(/[^\w-]+/g, '-');
}

/** A test's name for a block: where it is, and what it goes on from. */
export function describeBlock(program: BlockProgram): string {
  const { page, line } = program.block;
  const from = program.continued.length > 0 ? ` (continues line ${program.continued.join(', ')})` : '';
  return `${page}:${line}${from}`;
}

/** Turns blocks into programs: a `continue` block is the previous program followed by its own code. */
export function blockPrograms(blocks: readonly CodeBlock[], workDir: string): BlockProgram[] {
  const programs: BlockProgram[] = [];
  let previous: BlockProgram | null = null;
  for (const block of blocks) {
    if (previous && previous.block.page !== block.page) previous = null;
    const dir = join(workDir, pageSlug(block.page));
    const ownLines = block.code.split('\n').map((_, i) => block.line + 1 + i);
    if (block.continues) {
      if (!previous) throw new Error(`${block.page}:${block.line}: 'continue' with no earlier block on the page`);
      if (previous.block.file) throw new Error(`${block.page}:${block.line}: cannot continue the module ${previous.block.file}; import from it instead`);
      if (!previous.block.check && block.check) throw new Error(`${block.page}:${block.line}: continues a no-check block, so it cannot be checked either`);
    }
    const base = block.continues && previous ? previous : null;
    const program: BlockProgram = {
      block,
      dir,
      fileName: block.file ?? `block-${block.line}.ts`,
      source: base ? `${base.source}\n${block.code}` : block.code,
      lineMap: base ? [...base.lineMap, ...ownLines] : ownLines,
      continued: base ? [...base.continued, base.block.line] : [],
    };
    programs.push(program);
    previous = program;
  }
  const names = new Set<string>();
  for (const { dir, fileName, block } of programs) {
    const key = join(dir, fileName);
    if (names.has(key)) throw new Error(`${block.page}:${block.line}: two blocks of the page are both ${fileName}`);
    names.add(key);
  }
  return programs;
}

/**
 * Writes every program under `workDir` (emptied first). Each page's folder is an ES module package,
 * so top-level await works and `./name.js` finds a `file=name.ts` block, as in a user's project.
 * `workDir` must be inside apps/docs, whose node_modules has `neurite` and every `@neurite/*`.
 */
export function writePrograms(programs: readonly BlockProgram[], workDir: string): void {
  rmSync(workDir, { recursive: true, force: true });
  for (const program of programs) {
    mkdirSync(program.dir, { recursive: true });
    writeFileSync(join(program.dir, 'package.json'), '{ "type": "module", "private": true }\n');
    writeFileSync(join(program.dir, program.fileName), `${program.source}\n`);
  }
}
