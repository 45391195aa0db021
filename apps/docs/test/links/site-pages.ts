import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';

/** One built page: where it is served, the ids its anchors can name, and the links it holds. */
export interface SitePage {
  /** The URL path it is served at ('/guide/memory.html', '/api/nn/index.html'). */
  readonly url: string;
  readonly ids: ReadonlySet<string>;
  readonly links: readonly string[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };

/** An attribute value as the browser reads it (the HTML is VitePress's own, so entities are few). */
function decodeEntities(value: string): string {
  return value.replace(/&(#\d+|#x[\da-f]+|\w+);/gi, (entity, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name] ?? entity;
  });
}

/** Reads one built HTML file: every id (and `name` of an anchor) and every `<a href>`. */
export function readPage(distDir: string, file: string): SitePage {
  const html = readFileSync(join(distDir, file), 'utf8');
  const ids = new Set([...html.matchAll(/\s(?:id|name)="([^"]*)"/g)].map((match) => decodeEntities(match[1])));
  const links = [...html.matchAll(/<a\s[^>]*?href="([^"]*)"/g)].map((match) => decodeEntities(match[1]));
  return { url: `/${relative(distDir, join(distDir, file)).replace(/\\/g, '/')}`, ids, links };
}

/** Every .html file of the built site, relative to distDir. */
export function htmlFiles(distDir: string): string[] {
  return readdirSync(distDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html'))
    .map((file) => file.replace(/\\/g, '/'))
    .sort();
}

/** A link that leaves the site (another scheme or host) is not ours to check. */
export function isInternal(href: string): boolean {
  return !/^[a-z][a-z\d+.-]*:/i.test(href) && !href.startsWith('//');
}

/**
 * The file a path of the site is served from, as VitePress's preview server (and most static hosts)
 * find it: the file itself, `dir/index.html` for `dir/`, or `page.html` for a clean `page`.
 */
export function servedFile(distDir: string, urlPath: string): string | null {
  const path = join(distDir, decodeURIComponent(urlPath));
  const candidates = urlPath.endsWith('/') ? [join(path, 'index.html')] : [path, `${path}.html`, join(path, 'index.html')];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? null;
}

/**
 * Checks one internal link of `page`: the target must be a file of the site and, with an anchor,
 * a page with that id. Returns what is wrong, or null.
 */
export function brokenLink(distDir: string, page: SitePage, href: string, pageAt: (file: string) => SitePage): string | null {
  const [beforeHash, hash] = href.split('#', 2);
  const path = beforeHash.split('?')[0];
  const targetUrl = path === '' ? page.url : posix.resolve(posix.dirname(page.url), path) + (path.endsWith('/') ? '/' : '');
  const file = path === '' ? join(distDir, page.url) : servedFile(distDir, targetUrl);
  if (!file) return `${href}: no page at ${targetUrl}`;
  if (hash === undefined || hash === '' || !file.endsWith('.html')) return null;
  const target = pageAt(relative(distDir, file).replace(/\\/g, '/'));
  const id = decodeURIComponent(hash);
  return target.ids.has(id) ? null : `${href}: ${target.url} has no heading or element with id '${id}'`;
}
