// Timing, the results table and the machine description shared by every benchmark case.
import os from 'node:os';
import { performance } from 'node:perf_hooks';

/** A round this long is timed as it is (shorter ones double their size first). */
const FULL_ROUND_SECONDS = 0.05;

/**
 * Seconds per call of `fn`, from at least `minSeconds` of timed calls after `warmup` untimed ones
 * (JIT, caches, buffer pools). Calls are timed in rounds whose size doubles while a round is short,
 * so a microsecond op is not dominated by reading the clock and a one-second op still runs only a
 * few times. `secondsPerCall` is the fastest full round's (one of at least 50 ms; the mean when
 * none is that long), as Python's timeit advises: noise on a shared machine only ever slows a round
 * down. Here a neighbour's load once made PyTorch's CNN epoch three times slower in one run than
 * the next. torch-peers.py measures the same way.
 */
export function measure(fn, { minSeconds = 0.5, warmup = 3, minIterations = 2 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  let iterations = 0;
  let elapsed = 0;
  let round = 1;
  let fastest = Infinity;
  while (elapsed < minSeconds || iterations < minIterations) {
    const start = performance.now();
    for (let i = 0; i < round; i++) fn();
    const roundSeconds = (performance.now() - start) / 1000;
    elapsed += roundSeconds;
    iterations += round;
    if (roundSeconds >= FULL_ROUND_SECONDS) fastest = Math.min(fastest, roundSeconds / round);
    else round *= 2;
  }
  return { secondsPerCall: Number.isFinite(fastest) ? fastest : elapsed / iterations, iterations, seconds: elapsed };
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

function format(value) {
  if (!Number.isFinite(value)) return String(value);
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** A plain-text table: case, Neurite, TF.js (or the two columns named), ratio (> 1 means the first is faster). */
export function table(rows, columns = ['Neurite', 'TF.js']) {
  const header = ['case', 'unit', ...columns, 'ratio'];
  const body = rows.map((r) => [r.case, r.unit, format(r.neurite), format(r.tfjs), `${r.ratio.toFixed(2)}x`]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

const PEER_COLUMNS = [
  ['tfjsWasm', 'TF.js wasm'],
  ['tfjsCpu', 'TF.js cpu'],
  ['torch', 'PyTorch 1t'],
];

/** Neurite's speed over a peer's (> 1: Neurite is faster), or null where the peer has no figure. */
export function speedRatio(row, peer) {
  const theirs = row.peers[peer]?.value;
  if (theirs === null || theirs === undefined || !row.value) return null;
  return row.higherIsBetter ? row.value / theirs : theirs / row.value;
}

/** The row's goal from its issue, and whether this run met it. */
export function goalOf(row) {
  const goal = row.goal;
  if (!goal) return '';
  if (goal.absolute !== undefined) {
    const met = row.higherIsBetter ? row.value >= goal.absolute : row.value <= goal.absolute;
    return `${row.higherIsBetter ? '≥' : '≤'} ${goal.absolute} ${row.unit}: ${met ? 'met' : 'NOT met'}`;
  }
  const ratio = speedRatio(row, goal.peer);
  const name = PEER_COLUMNS.find(([key]) => key === goal.peer)[1];
  const wanted = goal.ratio >= 1 ? `≥ ${goal.ratio}x ${name}` : `within ${(1 / goal.ratio).toFixed(1)}x of ${name}`;
  if (ratio === null) return `${wanted}: no figure`;
  return `${wanted}: ${ratio >= goal.ratio ? 'met' : 'NOT met'}`;
}

/** The peer table: every figure, Neurite's ratio to TF.js wasm and to PyTorch, the goal; notes below. */
export function peerTable(rows) {
  const notes = [];
  const cell = (entry) => {
    if (entry === null || entry === undefined) return '—';
    if (entry.note) notes.push(entry.note);
    const marker = entry.note ? `[${notes.length}]` : '';
    return entry.value === null ? `n/a${marker}` : `${format(entry.value)}${marker}`;
  };
  const ratioCell = (row, peer) => {
    const ratio = speedRatio(row, peer);
    return ratio === null ? '—' : `${ratio.toFixed(2)}x`;
  };
  const header = ['case', 'unit', 'Neurite', ...PEER_COLUMNS.map(([, title]) => title), 'vs wasm', 'vs PyTorch', 'goal'];
  const body = rows.map((row) => [
    row.label, row.unit, cell(row), ...PEER_COLUMNS.map(([key]) => cell(row.peers[key])),
    ratioCell(row, 'tfjsWasm'), ratioCell(row, 'torch'), goalOf(row),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i < 2 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const lines = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
  notes.forEach((note, index) => lines.push(`[${index + 1}] ${note}`));
  return lines.join('\n');
}
