import { defineConfig } from 'vitepress';
import { apiSidebar } from './api-sidebar.js';
import { guideSidebar } from './guide-sidebar.js';

/**
 * The Neurite docs site. Its sources are assembled in site/ by scripts/prepare.mjs (the guides
 * from the repository's docs/, the home page, the API reference TypeDoc generates); see there for
 * why they are copied rather than read in place.
 */
export default defineConfig({
  title: 'Neurite',
  description: 'Deep learning for TypeScript: tensors, autograd, layers, optimizers and data loading on CPU, worker threads and WebGPU.',
  srcDir: 'site',
  outDir: 'dist',
  base: '/',
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/logo.svg' }]],
  markdown: { theme: { light: 'github-light', dark: 'github-dark' } },
  vite: {
    // The local search index (every guide and API page) is one chunk of about 2 MB, fetched only
    // when the search box opens; the warning for chunks over 500 kB is about eagerly loaded code.
    build: { chunkSizeWarningLimit: 4000 },
  },
  themeConfig: {
    logo: '/logo.svg',
    nav: [
      { text: 'Guide', link: '/guide/getting-started' },
      { text: 'API', link: '/api/neurite/' },
      { text: 'Architecture', link: '/architecture' },
    ],
    sidebar: [...guideSidebar, ...apiSidebar()],
    search: { provider: 'local' },
    outline: { level: [2, 3] },
  },
});
