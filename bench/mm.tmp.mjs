import * as neurite from 'neurite';
const n = Number(process.argv[2] ?? 256);
const a = neurite.randn([n, n]); const b = neurite.randn([n, n]);
let best = Infinity;
for (let r = 0; r < 5; r++) { const t = performance.now(); for (let i = 0; i < 20; i++) { const c = a.matmul(b); c.dataSync(); c.dispose(); } best = Math.min(best, (performance.now() - t) / 20); }
console.log(n, 'ms', best.toFixed(3), 'GFLOP/s', (2 * n ** 3 / best / 1e6).toFixed(1));
