// Neurite on another backend (WebGPU) against Neurite on the CPU, in the same process, as ratios:
//
//   pnpm bench -- --backend webgpu               matmul, MLP epoch, CNN epoch
//   pnpm bench -- --backend webgpu matmul        only the cases whose name contains "matmul"
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
import { machine, table } from './harness.mjs';
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
    case: `matmul ${n}x${n}`,
    unit: 'GFLOP/s',
    higherIsBetter: true,
    measure: async () => {
      const a = neurite.randn([n, n]);
      const b = neurite.randn([n, n]);
      const seconds = await measureAsync(async () => {
        const c = a.matmul(b);
        await c.data();
        c.dispose();
      }, { warmup: n >= 1024 ? 1 : 2, minSeconds: n >= 1024 ? 0 : 0.5 });
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

function epochRows(fallback) {
  // On a software adapter a full CNN epoch takes many minutes; a few batches give the rate.
  const cnnBatches = fallback ? 8 : Infinity;
  return [
    {
      case: 'MLP 784-128-64-10 epoch, batch 64',
      unit: 'samples/s',
      higherIsBetter: true,
      measure: () => epochSamplesPerSecond(() => new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 128), new nn.ReLU(), new nn.Linear(128, 64), new nn.ReLU(), new nn.Linear(64, 10)), { batchSize: 64, maxBatches: Infinity }),
    },
    {
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
  const label = adapter ? `${adapter.vendor || 'unknown vendor'} ${adapter.architecture || ''} ${adapter.description || ''}`.replace(/\s+/g, ' ').trim() : backendName;
  const info = machine();
  console.log(`machine: ${info.cpu} (${info.cores} cores), Node ${info.node}, ${info.platform}`);
  console.log(`Neurite on '${backendName}' (${label}${fallback ? ', FALLBACK ADAPTER: a software driver on the CPU, not GPU speed' : ''}) vs Neurite on 'cpu'\n`);

  const cases = [...(await matmulRows(fallback)), ...epochRows(fallback)].filter((c) => filters.length === 0 || filters.some((f) => c.case.toLowerCase().includes(f.toLowerCase())));
  const rows = [];
  for (const benchCase of cases) {
    process.stdout.write(`running ${benchCase.case} ... `);
    const started = Date.now();
    await neurite.setBackend(backendName);
    const ours = await benchCase.measure();
    await neurite.setBackend('cpu');
    const cpu = await benchCase.measure();
    console.log(`${((Date.now() - started) / 1000).toFixed(1)} s`);
    rows.push({ case: benchCase.case, unit: benchCase.unit, higherIsBetter: true, neurite: ours, tfjs: cpu, ratio: ours / cpu });
  }
  console.log(`\n${table(rows, [backendName, 'cpu'])}\n\nratio = '${backendName}' speed / 'cpu' speed (> 1: ${backendName} is faster)${fallback ? '\nFALLBACK ADAPTER: these figures measure a software driver, not a GPU.' : ''}`);
  return { backend: backendName, adapter: adapter ?? null, fallback, results: rows };
}
