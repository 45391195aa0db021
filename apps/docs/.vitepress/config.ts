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
  // The API pages hold long tables and signatures; a page is only as long as its module.
  markdown: { theme: { light: 'github-light', dark: 'github-dark' } },
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
