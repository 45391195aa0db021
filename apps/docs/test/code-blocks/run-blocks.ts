import ts from 'typescript';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BlockProgram } from './block-programs.js';

export interface RunResult {
  /** The exit code, or null when the process was killed (by the time limit or a signal). */
  readonly code: number | null;
  readonly signal: string | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/**
 * Compiles every page folder's .ts files to .js beside them (types stripped, nothing else changed),
 * so `node block-12.js` runs what the guide shows and `./softplus-op.js` finds its sibling.
 */
export function transpileAll(dirs: Iterable<string>): void {
  for (const dir of new Set(dirs)) {
    for (const name of readdirSync(dir).filter((file) => file.endsWith('.ts'))) {
      const { outputText } = ts.transpileModule(readFileSync(join(dir, name), 'utf8'), {
        fileName: name,
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true, sourceMap: false },
      });
      writeFileSync(join(dir, name.replace(/\.ts$/, '.js')), outputText);
    }
  }
}

/** Runs one program in its own Node process, in its page's folder, within `timeoutMs`. */
export function runProgram(program: BlockProgram, timeoutMs: number): Promise<RunResult> {
  const started = performance.now();
  const script = program.fileName.replace(/\.ts$/, '.js');
  return new Promise((resolve) => {
    execFile(process.execPath, [script], { cwd: program.dir, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 2 ** 20 }, (error, stdout, stderr) => {
      const failure = error as (Error & { code?: number | string; signal?: string | null; killed?: boolean }) | null;
      const code = failure === null ? 0 : typeof failure.code === 'number' ? failure.code : null;
      const signal = failure?.signal ?? null;
      const seconds = (performance.now() - started) / 1000;
      resolve({ code, signal, timedOut: signal === 'SIGKILL' && seconds * 1000 >= timeoutMs, stdout, stderr, seconds });
    });
  });
}

/**
 * Runs the programs that have `run`: the pages in parallel (`concurrency` at a time), the blocks of
 * a page one after another in page order, since a later block may read a file an earlier one wrote.
 */
export async function runAll(programs: readonly BlockProgram[], options: { concurrency: number; timeoutMs: number }): Promise<Map<BlockProgram, RunResult>> {
  const pages = new Map<string, BlockProgram[]>();
  for (const program of programs.filter((p) => p.block.run)) {
    const list = pages.get(program.block.page) ?? [];
    list.push(program);
    pages.set(program.block.page, list);
  }
  const queue = [...pages.values()];
  const results = new Map<BlockProgram, RunResult>();
  const worker = async () => {
    for (let page = queue.shift(); page; page = queue.shift()) {
      for (const program of page) results.set(program, await runProgram(program, options.timeoutMs));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return results;
}
