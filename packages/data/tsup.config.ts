import { packageBuild } from '../../tsup.shared.js';
// Two entries: index (browsers and every bundle without the `node` condition; no Node built-in in
// it) and index-node (the `node` export condition: reads files). Keep the `node:` prefix (tsup
// strips it by default), so a Node bundler sees the built-ins for what they are.
export default packageBuild(['src/index.ts', 'src/index-node.ts'], { removeNodeProtocol: false });
