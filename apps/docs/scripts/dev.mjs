// @ts-check
// `pnpm dev`: assembles the site, then runs `vitepress dev` on it and copies a guide again whenever
// it changes in docs/, so an edit shows in the browser as it would with VitePress reading docs/.
// (The API reference is regenerated only by running this again.)
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { assembleSite } from './assemble-site.mjs';
import { copyGuides } from './copy-guides.mjs';
import { app, docsDir, homePage, publicDir, siteDir } from './site-paths.mjs';

await assembleSite();
const copy = () => {
  try {
    copyGuides({ docsDir, homePage, siteDir, publicDir });
  } catch (error) {
    // A broken link while editing: say so and keep serving; the next save tries again.
    console.error(error instanceof Error ? error.message : error);
  }
};
const watchers = [watch(docsDir, { recursive: true }, copy), watch(homePage, copy)];
const vitepress = spawn('vitepress', ['dev', ...process.argv.slice(2)], { cwd: app, stdio: 'inherit', shell: process.platform === 'win32' });
vitepress.on('exit', (code) => {
  for (const watcher of watchers) watcher.close();
  process.exit(code ?? 1);
});
