import type { DefaultTheme } from 'vitepress';

/** The guides, in reading order. Pages under docs/ that are not listed here fail the links test. */
export const guideSidebar: DefaultTheme.SidebarItem[] = [
  {
    text: 'Guides',
    items: [
      { text: 'Getting started', link: '/guide/getting-started' },
      { text: 'MNIST in the browser and the CLI', link: '/guide/mnist' },
      { text: 'Layers', link: '/guide/layers' },
      { text: 'Backends', link: '/guide/backends' },
      { text: 'Memory', link: '/guide/memory' },
      { text: 'Saving and PyTorch', link: '/guide/safetensors' },
      { text: 'For PyTorch users', link: '/guide/from-pytorch' },
      { text: 'Write a layer plugin', link: '/plugins' },
      { text: 'Architecture', link: '/architecture' },
    ],
  },
];
