import { packageBuild } from '../../tsup.shared.js';

// softplus-cpu: the module the worker backend's threads import (the op's `worker` form).
// shims: the CJS build gets an import.meta.url to find it by.
export default packageBuild({ index: 'src/index.ts', 'softplus-cpu': 'src/softplus-cpu.ts' }, { shims: true });
