import { packageBuild } from '../../tsup.shared.js';

// The testing entry imports the package by name, so it shares one copy of Tensor with users' code.
export default packageBuild({ index: 'src/index.ts', testing: 'src/testing/index.ts' }, { external: ['@neurite/tensor'] });
