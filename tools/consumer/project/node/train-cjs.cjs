// CommonJS: require() gets the packages' .cjs builds.
const neurite = require('neurite');

import('../common/train.mjs')
  .then(({ trainMlp }) => trainMlp(neurite))
  .then((result) => console.log(JSON.stringify({ module: 'cjs', resolved: require.resolve('neurite'), ...result })))
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
