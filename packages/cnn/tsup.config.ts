import { packageBuild } from '../../tsup.shared.js';

// worker-kernels: the module the worker backend's threads import (see src/ops/worker-form.ts).
// shims: the CJS build gets an import.meta.url to find it by.
export default packageBuild({ index: 'src/index.ts', 'worker-kernels': 'src/ops/worker-kernels.ts' }, { shims: true });
