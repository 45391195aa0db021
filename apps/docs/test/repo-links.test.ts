import { describe, expect, it } from 'vitest';
import { rewriteLinks } from '../scripts/copy-guides.mjs';
import { resolveInRepository, rewriteMarkdownLinks, siteAddress } from '../scripts/repo-links.mjs';

/** How links written for GitHub become links of the site (scripts/repo-links.mjs). */
describe('links from the repository to the site', () => {
  it('keeps links between guides, other sites and anchors, and sends a package README to its API page', () => {
    const guide = 'See [plugins](../plugins.md#tests), [nn](../../packages/nn/README.md#memory), [x](https://pytorch.org), [up](#install) and `[code](span)`.';
    expect(rewriteLinks(guide, 'guide/layers.md')).toBe(
      'See [plugins](../plugins.md#tests), [nn](/api/nn/#memory), [x](https://pytorch.org), [up](#install) and `[code](span)`.',
    );
  });

  it('leaves code fences alone', () => {
    const fenced = '```md\n[a](../../apps/mnist/src/main.ts)\n```';
    expect(rewriteLinks(fenced, 'guide/x.md')).toBe(fenced);
  });

  it('stops the build on a guide link that has no page on the site', () => {
    expect(() => rewriteLinks('[trainer](../../apps/mnist/src/main.ts)', 'guide/mnist.md')).toThrow(
      'copy-guides: docs/guide/mnist.md links to ../../apps/mnist/src/main.ts, which is outside docs/ and has no page on the site',
    );
  });

  it('turns a README link into a site address, or into plain text where the file has no page', () => {
    const fromReadme = (target: string) => {
      const { path, anchor } = resolveInRepository('packages/nn/README.md', target);
      return siteAddress(path, anchor);
    };
    expect(rewriteMarkdownLinks('[guide](../../docs/plugins.md) [arena](src/wasm/arena.ts) [cnn](../cnn/README.md#layers)', fromReadme)).toBe(
      '[guide](/plugins.md) arena [cnn](/api/cnn/#layers)',
    );
  });
});
