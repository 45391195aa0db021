import { readFileSync } from 'node:fs';

/**
 * The flags a TypeScript fence may carry after its language, e.g. ```ts no-run:
 * - `no-run`: type-checked but not run (it needs a browser or a GPU); counted and listed by the test.
 * - `no-check`: not type-checked either (implies no-run), for a fragment that cannot stand alone.
 * - `continue`: the block goes on from the previous TypeScript block of the page; both are checked
 *   and run as one program, so a guide can build an example up in steps.
 * - `file=NAME.ts`: the block is a module of that name beside the page's other blocks, so blocks
 *   can import one another (`import { x } from './NAME.js'`), as a plugin's files do.
 * GitHub and VitePress read only the first word of the info string, so the flags do not show.
 */
export interface CodeBlock {
  /** The Markdown file, relative to the repository root ('docs/guide/memory.md'). */
  readonly page: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly code: string;
  readonly run: boolean;
  readonly check: boolean;
  readonly continues: boolean;
  readonly file: string | null;
}

const TYPESCRIPT = new Set(['ts', 'typescript', 'mts']);
const FLAG = /^(no-run|no-check|continue|file=[\w.-]+\.ts)$/;

/** Every fenced block of a Markdown text: its info string, opening line and contents. */
export function fencedBlocks(markdown: string): { info: string; line: number; code: string }[] {
  const lines = markdown.split('\n');
  const blocks: { info: string; line: number; code: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( {0,3})(`{3,}|~{3,})\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, info] = open;
    const body: string[] = [];
    let j = i + 1;
    // A fence closes with at least as many of the same character, and nothing after them.
    while (j < lines.length && !new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`).test(lines[j])) {
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j]);
      j++;
    }
    if (j === lines.length) throw new Error(`line ${i + 1}: the code fence is never closed`);
    blocks.push({ info: info.trim(), line: i + 1, code: body.join('\n') });
    i = j;
  }
  return blocks;
}

/** The TypeScript blocks of one Markdown file; an unknown flag is an error, never ignored. */
export function typeScriptBlocks(page: string, markdown: string): CodeBlock[] {
  const result: CodeBlock[] = [];
  for (const { info, line, code } of fencedBlocks(markdown)) {
    const [language = '', ...flags] = info.split(/\s+/);
    if (!TYPESCRIPT.has(language.toLowerCase())) continue;
    for (const flag of flags) {
      if (!FLAG.test(flag)) throw new Error(`${page}:${line}: unknown code-block flag '${flag}' (known: no-run, no-check, continue, file=NAME.ts)`);
    }
    const check = !flags.includes('no-check');
    const file = flags.find((flag) => flag.startsWith('file='))?.slice('file='.length) ?? null;
    const continues = flags.includes('continue');
    if (continues && result.length === 0) throw new Error(`${page}:${line}: 'continue' on the page's first TypeScript block`);
    if (continues && file) throw new Error(`${page}:${line}: a block is either a file of its own or continues the previous one, not both`);
    result.push({ page, line, code, run: check && !flags.includes('no-run'), check, continues, file });
  }
  return result;
}

/** The TypeScript blocks of the given Markdown files (paths relative to `root`). */
export function collectBlocks(root: string, pages: readonly string[]): CodeBlock[] {
  return pages.flatMap((page) => typeScriptBlocks(page, readFileSync(`${root}/${page}`, 'utf8')));
}
