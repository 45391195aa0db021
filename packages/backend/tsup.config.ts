import { packageBuild } from '../../tsup.shared.js';
export default packageBuild({ index: 'src/index.ts', conformance: 'src/conformance/index.ts', wasm: 'src/wasm/index.ts' });
