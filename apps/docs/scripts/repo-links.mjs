// @ts-check
// Links between the repository's Markdown files, as the site serves them. The guides (docs/) and
// the package READMEs link to files by relative path, which works on GitHub; on the site the same
// file is a page at another place, or no page at all.
import { posix } from 'node:path';

/**
 * Calls `rewrite(target)` for each inline Markdown link target outside code fences and
 * spans, and puts back what it returns: a new target, or null to drop the link and keep its text.
 * @param {string} markdown
 * @param {(target: string) => string | null} rewrite
 */
export function rewriteMarkdownLinks(markdown, rewrite) {
  let inFence = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
      if (inFence) return line;
      // Code spans first, so that `[a](b)` inside backticks is left alone.
      return line.replace(/(`[^`]*`)|\[([^\]]*)\]\(([^)\s]+)\)/g, (match, code, text, target) => {
        if (code) return code;
        const rewritten = rewrite(target);
        return rewritten === null ? text : `[${text}](${rewritten})`;
      });
    })
    .join('\n');
}

/**
 * A target that is not a path in the repository: another site, a mail address, an anchor, a site path.
 * @param {string} target
 */
export function isExternal(target) {
  return /^[a-z][a-z+.-]*:/i.test(target) || target.startsWith('#') || target.startsWith('/');
}

/**
 * The repository path a relative link from `fromFile` (a repository path) leads to, and its anchor.
 * @param {string} fromFile
 * @param {string} target
 */
export function resolveInRepository(fromFile, target) {
  const [path, anchor] = target.split('#', 2);
  return { path: posix.normalize(posix.join(posix.dirname(fromFile), path)), anchor: anchor ?? null };
}

/**
 * The site's address of a repository file, or null where it has no page: docs/x.md is /x.md (VitePress
 * serves it as /x.html), and packages/name/README.md is the package's API page.
 * @param {string} path a repository path
 * @param {string | null} anchor
 */
export function siteAddress(path, anchor) {
  const hash = anchor ? `#${anchor}` : '';
  if (path.startsWith('docs/') && path.endsWith('.md')) return `/${path.slice('docs/'.length)}${hash}`;
  const readme = /^packages\/([^/]+)\/README\.md$/.exec(path);
  return readme ? `/api/${readme[1]}/${hash}` : null;
}
