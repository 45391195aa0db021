// Neurite on another backend (WebGPU, the worker pool) against Neurite on the CPU, in the same
// process, as ratios:
//
//   pnpm bench -- --backend worker               matmul, conv2d forward, eager add, MLP and CNN epochs
//   pnpm bench -- --backend webgpu matmul        only the cases whose name contains "matmul"
//
// For the worker pool, PyTorch (where Debian's python3-torch is installed) runs the same cases on
// as many threads as the pool has, and the worker backend's goals (its issue) are checked.
//
// Every timed call reads its result back (await), so a queued backend cannot look faster than it
// is. On a fallback adapter (a software rasteriser such as SwiftShader, what CI machines have) the
// figures measure the driver, not a GPU: they are labelled so, and the CNN epoch is cut to a few
// batches and reported per sample.
import * as nn from '@neurite/nn';
import * as cnn from '@neurite/cnn';
import { Adam } from '@neurite/optim';
import { DataLoader, mnist } from '@neurite/data';
import * as neurite from 'neurite';
import { machine } from './harness.mjs';
import { torchRows } from './peer-comparison.mjs';
import { neuriteTrainingStep } from './training-loops.mjs';

/** Seconds per call of the async `fn`, from at least `minSeconds` of timed calls after `warmup` untimed ones. */
async function measureAsync(fn, { minSeconds = 0.5, warmup = 2, minIterations = 2 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  let iterations = 0;
  let elapsed = 0;
  while (elapsed < minSeconds || iterations < minIterations) {
    const start = performance.now();
    await fn();
    elapsed += (performance.now() - start) / 1000;
    iterations++;
  }
  return elapsed / iterations;
}

async function matmulRows(fallback) {
  const sizes = fallback ? [128, 256, 512, 1024] : [128, 256, 512, 1024, 2048, 4096];
  return sizes.map((n) => ({
    id: `matmul-${n}`,
    case: `matmul ${n}x${n}`,
    unit: 'GFLOP/s',
    higherIsBetter: true,
    measure: async () => {
      const a = neurite.randn([n, n]);
      const b = neurite.randn([n, n]);
      // V8 runs a WebAssembly function on its baseline compiler until it has run a while, then
      // swaps in optimised code (measured here: 13 → 20 GFLOP/s at 1024 after about 5 calls), so
      // the sizes that take milliseconds warm up over several calls.
      const seconds = await measureAsync(async () => {
        const c = a.matmul(b);
        await c.data();
        c.dispose();
      }, { warmup: n >= 2048 ? 1 : 6, minSeconds: n >= 2048 ? 0 : 0.5 });
      a.dispose();
      b.dispose();
      return (2 * n ** 3) / seconds / 1e9;
    },
  }));
}

/** Samples per second of Adam training on the embedded digits; `maxBatches` cuts the epoch short. */
async function epochSamplesPerSecond(makeModel, { batchSize, maxBatches }) {
  const { train, test } = await mnist({ seed: 0 });
  test.dispose();
  neurite.manualSeed(0);
  const model = makeModel();
  const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
  const loader = new DataLoader(train, { batchSize, shuffle: true });
  let samples = 0;
  const run = async () => {
    let batches = 0;
    for (const { input, target } of loader) {
      if (batches++ >= maxBatches) {
        input.dispose();
        target.dispose();
        continue;
      }
      const loss = neuriteTrainingStep(neurite, model, optimizer, input, target);
      await loss.data();
      samples += input.shape[0];
      loss.dispose();
      input.dispose();
      target.dispose();
    }
  };
  await run(); // warm-up: pipelines compile, pools fill
  samples = 0;
  const start = performance.now();
  await run();
  const seconds = (performance.now() - start) / 1000;
  model.dispose();
  optimizer.dispose();
  train.dispose();
  return samples / seconds;
}

/** conv2d forward at the MNIST CNN's two layers, each call read back. */
function convRows() {
  return [
    { id: 'conv-28x28x1-8', label: 'conv2d fwd 64x1x28x28 → 8, 5x5', input: [64, 1, 28, 28], filters: 8 },
    { id: 'conv-14x14x8-16', label: 'conv2d fwd 64x8x14x14 → 16, 5x5', input: [64, 8, 14, 14], filters: 16 },
  ].map((spec) => ({
    id: spec.id,
    case: spec.label,
    unit: 'GFLOP/s',
    higherIsBetter: true,
    measure: async () => {
      const [n, c, h, w] = spec.input;
      const x = neurite.randn(spec.input);
      const weight = neurite.randn([spec.filters, c, 5, 5]);
      const seconds = await measureAsync(async () => {
        const y = cnn.conv2d(x, weight);
        await y.data();
        y.dispose();
      });
      x.dispose();
      weight.dispose();
      return (2 * n * spec.filters * (h - 4) * (w - 4) * c * 25) / seconds / 1e9;
    },
  }));
}

/** The fixed cost of one eager op (add two 4-element tensors, dispose), µs per op; one read at the end. */
function eagerRow() {
  return {
    id: 'eager-add-4',
    case: 'eager add, 4 elements',
    unit: 'µs/op',
    higherIsBetter: false,
    measure: async () => {
      const a = neurite.tensor([1, 2, 3, 4]);
      const b = neurite.tensor([5, 6, 7, 8]);
      const calls = 20_000;
      const seconds = await measureAsync(async () => {
        for (let i = 0; i < calls - 1; i++) a.add(b).dispose();
        const last = a.add(b);
        if (Array.from(await last.data()).join() !== '6,8,10,12') throw new Error('eager add gave a wrong sum');
        last.dispose();
      });
      a.dispose();
      b.dispose();
      return (seconds / calls) * 1e6;
    },
  };
}

/** The worker backend's goals (its issue), as speed ratios over the CPU backend. */
const WORKER_GOALS = {
  'matmul-1024': { ratio: 1.8, text: '≥ 1.8x cpu' },
  'conv-28x28x1-8': { ratio: 1.6, text: '≥ 1.6x cpu' },
  'conv-14x14x8-16': { ratio: 1.6, text: '≥ 1.6x cpu' },
  'cnn-epoch': { ratio: 1.5, text: '≥ 1.5x cpu' },
  'eager-add-4': { ratio: 1 / 1.2, text: 'time ≤ 1.2x cpu' },
};

function formatValue(value) {
  if (value === null || value === undefined) return '-';
  if (!Number.isFinite(value)) return String(value);
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function printTable(rows, columns) {
  const header = ['case', 'unit', ...columns, 'speed ratio', 'goal'];
  const body = rows.map((r) => [r.case, r.unit, formatValue(r.neurite), formatValue(r.tfjs), ...(columns.length > 2 ? [formatValue(r.torch)] : []), `${r.ratio.toFixed(2)}x`, r.goal ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i < 2 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function epochRows(fallback) {
  // On a software adapter a full CNN epoch takes many minutes; a few batches give the rate.
  const cnnBatches = fallback ? 8 : Infinity;
  return [
    {
      id: 'mlp-epoch',
      case: 'MLP 784-128-64-10 epoch, batch 64',
      unit: 'samples/s',
      higherIsBetter: true,
      measure: () => epochSamplesPerSecond(() => new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 128), new nn.ReLU(), new nn.Linear(128, 64), new nn.ReLU(), new nn.Linear(64, 10)), { batchSize: 64, maxBatches: Infinity }),
    },
    {
      id: 'cnn-epoch',
      case: `MNIST CNN epoch, batch 64${Number.isFinite(cnnBatches) ? ` (first ${cnnBatches} batches)` : ''}`,
      unit: 'samples/s',
      higherIsBetter: true,
      measure: () =>
        epochSamplesPerSecond(
          () => new nn.Sequential(new cnn.Conv2d(1, 8, 5), new nn.ReLU(), new cnn.MaxPool2d(2), new cnn.Conv2d(8, 16, 5), new nn.ReLU(), new cnn.MaxPool2d(2), new nn.Flatten(), new nn.Linear(256, 10)),
          { batchSize: 64, maxBatches: cnnBatches },
        ),
    },
  ];
}

export async function compareBackends(backendName, filters) {
  const backend = await neurite.setBackend(backendName);
  const adapter = backend.adapter;
  const fallback = adapter?.isFallbackAdapter ?? false;
  const label = adapter ? `${adapter.vendor || 'unknown vendor'} ${adapter.architecture || ''} ${adapter.description || ''}`.replace(/\s+/g, ' ').trim() : backend.workers !== undefined ? `${backend.workers} worker threads, ${backend.kernelPath}` : backendName;
  const info = machine();
  console.log(`machine: ${info.cpu} (${info.cores} cores), Node ${info.node}, ${info.platform}`);
  console.log(`Neurite on '${backendName}' (${label}${fallback ? ', FALLBACK ADAPTER: a software driver on the CPU, not GPU speed' : ''}) vs Neurite on 'cpu'\n`);

  const extra = backendName === 'worker' || backend.workers !== undefined ? [...convRows(), eagerRow()] : [];
  const cases = [...(await matmulRows(fallback)), ...extra, ...epochRows(fallback)].filter((c) => filters.length === 0 || filters.some((f) => c.case.toLowerCase().includes(f.toLowerCase())));
  const rows = [];
  for (const benchCase of cases) {
    process.stdout.write(`running ${benchCase.case} ... `);
    const started = Date.now();
    await neurite.setBackend(backendName);
    const ours = await benchCase.measure();
    await neurite.setBackend('cpu');
    const cpu = await benchCase.measure();
    console.log(`${((Date.now() - started) / 1000).toFixed(1)} s`);
    const ratio = benchCase.higherIsBetter ? ours / cpu : cpu / ours;
    const goal = backend.workers !== undefined ? WORKER_GOALS[benchCase.id] : undefined;
    rows.push({
      id: benchCase.id, case: benchCase.case, unit: benchCase.unit, higherIsBetter: benchCase.higherIsBetter, neurite: ours, tfjs: cpu, ratio,
      goal: goal ? `${goal.text}: ${ratio >= goal.ratio ? 'met' : 'NOT met'}` : undefined,
    });
  }
  const columns = [backendName, 'cpu'];
  // PyTorch on as many threads as the pool: what a user of a two-thread CPU library would compare.
  if (backend.workers !== undefined) {
    const torch = torchRows(rows.map((row) => row.id), backend.workers);
    console.log(`PyTorch: ${torch.reason ?? `torch ${torch.version}, ${backend.workers} threads`}`);
    for (const row of rows) row.torch = torch.values?.[row.id] ?? null;
    columns.push(`PyTorch ${backend.workers}t`);
  }
  console.log(`\n${printTable(rows, columns)}\n\nspeed ratio = '${backendName}' speed / 'cpu' speed (> 1: ${backendName} is faster; for µs/op, cpu time / ${backendName} time)${fallback ? '\nFALLBACK ADAPTER: these figures measure a software driver, not a GPU.' : ''}`);
  return { backend: backendName, workers: backend.workers ?? null, adapter: adapter ?? null, fallback, results: rows };
}
