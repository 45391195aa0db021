import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium unless CHROMIUM_PATH names another; never downloaded. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here, or null when Chromium is present. */
export function chromiumMissing(): string | null {
  if (existsSync(chromiumPath)) return null;
  return `Chromium is not at ${chromiumPath} (Debian: \`apt-get install -y chromium\`, or set CHROMIUM_PATH to a Chromium binary)`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
