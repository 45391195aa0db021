import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DefaultTheme } from 'vitepress';

const sidebarFile = fileURLToPath(new URL('../site/api/typedoc-sidebar.json', import.meta.url));

/**
 * The API part of the sidebar: one collapsed group per package, the umbrella `neurite` first, each
 * holding its main entry's classes and interfaces and then its other entries ('@neurite/nn/functional').
 * typedoc-vitepress-theme writes one item per entry point; this regroups them by package.
 */
export function apiSidebar(): DefaultTheme.SidebarItem[] {
  if (!existsSync(sidebarFile)) {
    throw new Error(`${sidebarFile} is missing: run \`pnpm run prepare\` in apps/docs (or \`pnpm build\`) to generate the API reference first`);
  }
  const entries = JSON.parse(readFileSync(sidebarFile, 'utf8')) as DefaultTheme.SidebarItem[];
  const packageOf = (name: string) => (name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]);
  const packages = new Map<string, DefaultTheme.SidebarItem[]>();
  for (const entry of entries) {
    const name = entry.text ?? '';
    const list = packages.get(packageOf(name)) ?? [];
    list.push(entry);
    packages.set(packageOf(name), list);
  }
  const ordered = [...packages.keys()].sort((a, b) => Number(b === 'neurite') - Number(a === 'neurite') || a.localeCompare(b));
  const groups = ordered.map((name): DefaultTheme.SidebarItem => {
    const [main, ...subpaths] = packages.get(name)!.sort((a, b) => (a.text ?? '').length - (b.text ?? '').length);
    return {
      text: name,
      link: main.link,
      collapsed: true,
      items: [...(main.items ?? []), ...subpaths.map((entry) => ({ ...entry, collapsed: true }))],
    };
  });
  return [{ text: 'API reference', items: groups }];
}
