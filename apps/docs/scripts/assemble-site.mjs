// @ts-check
// Assembles site/, the folder VitePress builds: the guides from docs/, the home page, and the API
// reference that TypeDoc generates. `pnpm build` runs this, then `vitepress build`; `pnpm dev` runs
// it, then serves the site and keeps the guides in step (scripts/dev.mjs).
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { copyGuides } from './copy-guides.mjs';
import { generateApi } from './generate-api.mjs';
import { apiSourcesDir, docsDir, homePage, publicDir, root, siteDir } from './site-paths.mjs';

export async function assembleSite() {
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  rmSync(siteDir, { recursive: true, force: true });
  const guides = copyGuides({ docsDir, homePage, siteDir, publicDir });
  console.log(`assemble-site: ${guides.length} guides copied (${seconds()} s)`);
  const entryPoints = await generateApi({ root, siteDir, sourcesDir: apiSourcesDir });
  console.log(`assemble-site: API reference for ${entryPoints} entry points generated (${seconds()} s)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await assembleSite();
