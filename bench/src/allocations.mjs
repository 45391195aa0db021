// Array-buffer bytes a training step allocates after warm-up: `pnpm --filter @neurite/bench alloc`
// (after a build). The typed-array and ArrayBuffer constructors are wrapped, in this
// measuring process only and before Neurite loads, to count every new backing store (a view on an
// existing buffer allocates none). Reports the MNIST CNN step and the MLP step, batch 64, Adam, on
// the CPU backend, as bytes and allocations per step over steps 6-25.
const counters = { bytes: 0, count: 0 };
const TYPED = ['Float32Array', 'Float64Array', 'Int32Array', 'Uint32Array', 'Uint8Array', 'Int8Array', 'Uint16Array', 'Int16Array', 'Uint8ClampedArray'];
for (const name of [...TYPED, 'ArrayBuffer']) {
  const Original = globalThis[name];
  globalThis[name] = new Proxy(Original, {
    construct(target, args, newTarget) {
      const made = Reflect.construct(target, args, newTarget === globalThis[name] ? target : newTarget);
      const ownsBuffer = name === 'ArrayBuffer' || !(args[0] instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && args[0] instanceof SharedArrayBuffer));
      if (ownsBuffer) {
        counters.bytes += made.byteLength;
        counters.count++;
      }
      return made;
    },
  });
}

const neurite = await import('neurite');
const nn = await import('@neurite/nn');
const cnn = await import('@neurite/cnn');
const { Adam } = await import('@neurite/optim');
const { DataLoader, mnist } = await import('@neurite/data');
const { neuriteTrainingStep } = await import('./training-loops.mjs');

await neurite.setBackend('cpu');
const { train, test } = await mnist({ seed: 0 });
test.dispose();

function perStep(makeModel) {
  neurite.manualSeed(0);
  const model = makeModel();
  const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
  const loader = new DataLoader(train, { batchSize: 64, shuffle: true });
  let step = 0;
  let start;
  for (const { input, target } of loader) {
    if (step === 5) start = { ...counters, heap: neurite.getBackend().heap().heapBytes };
    const loss = neuriteTrainingStep(neurite, model, optimizer, input, target);
    loss.item();
    loss.dispose();
    input.dispose();
    target.dispose();
    if (++step === 25) break;
  }
  const steps = step - 5;
  model.dispose();
  optimizer.dispose();
  const heapGrowth = neurite.getBackend().heap().heapBytes - start.heap;
  return { bytes: (counters.bytes - start.bytes) / steps, count: (counters.count - start.count) / steps, heapGrowth };
}

const results = {
  'MNIST CNN': perStep(() => new nn.Sequential(
    new cnn.Conv2d(1, 8, 5), new nn.ReLU(), new cnn.MaxPool2d(2),
    new cnn.Conv2d(8, 16, 5), new nn.ReLU(), new cnn.MaxPool2d(2),
    new nn.Flatten(), new nn.Linear(256, 10),
  )),
  'MLP 784-128-64-10': perStep(() => new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 128), new nn.ReLU(), new nn.Linear(128, 64), new nn.ReLU(), new nn.Linear(64, 10))),
};
train.dispose();
console.log(`array-buffer allocations per training step (batch 64, Adam, steps 6-25, backend ${neurite.getBackend().name}, ${neurite.getBackend().kernelPath} kernels):`);
for (const [model, { bytes, count, heapGrowth }] of Object.entries(results)) {
  console.log(`  ${model.padEnd(18)} ${(bytes / 1024).toFixed(1).padStart(9)} KiB in ${count.toFixed(0)} allocations; the wasm heap grew ${heapGrowth} bytes over those steps`);
}
