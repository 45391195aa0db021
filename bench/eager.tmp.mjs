import * as neurite from 'neurite';
await neurite.setBackend(process.argv[2] ?? 'worker');
const a = neurite.tensor([1, 2, 3, 4]); const b = neurite.tensor([5, 6, 7, 8]);
for (let r = 0; r < 5; r++) {
  const t = performance.now();
  for (let i = 0; i < 200000; i++) a.add(b).dispose();
  console.log(((performance.now() - t) / 200).toFixed(3), 'µs/op');
}
await a.add(b).data();
process.exit(0);
