// The Node entry (the `node` export condition): everything the default entry has, with the mnist()
// that reads files. A local export takes precedence over the star export's `mnist`.
export * from './index.js';
export { mnist } from './mnist-node.js';
