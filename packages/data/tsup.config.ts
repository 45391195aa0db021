import { packageBuild } from '../../tsup.shared.js';
// Keep the `node:` prefix on the Node-only dynamic imports (tsup strips it by default), so that
// browser bundlers see them for what they are: Node built-ins, never reached in a browser.
export default packageBuild(['src/index.ts'], { removeNodeProtocol: false });
