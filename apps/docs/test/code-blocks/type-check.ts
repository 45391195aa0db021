import ts from 'typescript';
import { join } from 'node:path';
import type { BlockProgram } from './block-programs.js';

/**
 * The compiler options of a user's strict Node project: ES modules resolved as Node resolves them,
 * so `import { nn } from 'neurite'` reads the package's "exports" and its published .d.ts files.
 * The DOM library is there for the blocks written for a page (they are checked, not run).
 */
export const USER_COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: ['node'],
  noEmit: true,
  // The packages' declarations are checked when they are built; here the question is the guides' code.
  skipLibCheck: true,
  verbatimModuleSyntax: true,
};

/**
 * Type-checks every program that has `check` in one TypeScript program (one pass over the
 * library's declarations for all blocks). Returns each program's errors, with Markdown line numbers.
 */
export function typeCheck(programs: readonly BlockProgram[]): Map<BlockProgram, string[]> {
  const checked = programs.filter((program) => program.block.check);
  const byFile = new Map(checked.map((program) => [join(program.dir, program.fileName), program]));
  const program = ts.createProgram({ rootNames: [...byFile.keys()], options: USER_COMPILER_OPTIONS });
  const errors = new Map<BlockProgram, string[]>(checked.map((p) => [p, []]));
  const global = program.getGlobalDiagnostics().concat(program.getOptionsDiagnostics());
  if (global.length > 0) throw new Error(`type-check: ${ts.formatDiagnostics(global, formatHost)}`);
  for (const [file, blockProgram] of byFile) {
    const sourceFile = program.getSourceFile(file);
    if (!sourceFile) throw new Error(`type-check: ${file} is not in the program`);
    const diagnostics = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)];
    errors.set(blockProgram, diagnostics.map((diagnostic) => describe(diagnostic, blockProgram)));
  }
  return errors;
}

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (name) => name,
  getCurrentDirectory: () => process.cwd(),
  getNewLine: () => '\n',
};

/** 'docs/guide/memory.md:48: error TS2345: Argument of type …', at the line in the guide. */
function describe(diagnostic: ts.Diagnostic, program: BlockProgram): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  let where = `${program.block.page}:${program.block.line}`;
  if (diagnostic.file && diagnostic.start !== undefined) {
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    if (diagnostic.file.fileName === join(program.dir, program.fileName)) where = `${program.block.page}:${program.lineMap[line] ?? '?'}:${character + 1}`;
    else where = `${diagnostic.file.fileName}:${line + 1}:${character + 1}`;
  }
  return `${where}: error TS${diagnostic.code}: ${message}`;
}
