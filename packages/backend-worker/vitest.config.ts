import { nodeTests } from '../../vitest.shared.js';
export default nodeTests(import.meta.dirname);
