import { browserTests } from '../../vitest.shared.js';
export default browserTests(import.meta.dirname);
