import { packageBuild } from '../../tsup.shared.js';
// JavaScript only: the declarations come from tsc (see package.json's build). tsup's .d.ts bundler
// cannot express `export * as nn` over a module that re-exports other packages (it wrote
// JavaScript into index.d.ts), and tsc's unbundled files need no rewriting for that.
export default packageBuild(['src/index.ts'], { dts: false });
