import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

// One place for how the repository's browser tests (the docs site, the consumer test, the MNIST
// page) find and start Chromium. playwright-core drives it; the browser itself is Debian's
// package, since `playwright install` would download one, which these machines must not do.

export type { Browser };

/** Debian's Chromium, unless CHROMIUM_PATH names another binary. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why Chromium cannot start here, or undefined when it can. */
export function chromiumProblem(): string | undefined {
  if (existsSync(chromiumPath)) return undefined;
  return `no Chromium at ${chromiumPath} (Debian: \`apt-get install -y chromium\`, or set CHROMIUM_PATH to a Chromium binary)`;
}

/**
 * For `describe.skipIf(...)`: whether the browser tests of `suite` (e.g. "the docs site's browser
 * tests") are skipped here. Only a missing Chromium skips them, with a warning nobody can miss; and
 * under NEURITE_REQUIRE_ALL (CI) nothing does: the tests then run, and fail in launchChromium()
 * saying what is missing, since a skip there would hide that nothing was tested.
 */
export function skipWithoutChromium(suite: string): boolean {
  const problem = chromiumProblem();
  if (!problem || process.env.NEURITE_REQUIRE_ALL) return false;
  console.warn(`\n${'!'.repeat(72)}\nSKIPPED ${suite}: ${problem}\n${'!'.repeat(72)}`);
  return true;
}

export interface LaunchOptions {
  /**
   * Turn WebGPU on (`--enable-unsafe-webgpu`: Chromium on Linux keeps it behind that flag). On a
   * machine without a GPU, Chromium then offers its software adapter, SwiftShader.
   */
  readonly webgpu?: boolean;
}

/** Starts Chromium headless, without the background traffic a first run would make. */
export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const problem = chromiumProblem();
  if (problem) {
    const why = process.env.NEURITE_REQUIRE_ALL ? 'NEURITE_REQUIRE_ALL is set, so the browser tests must run, but there is ' : 'there is ';
    return Promise.reject(new Error(`cannot start Chromium: ${why}${problem}`));
  }
  const args = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
  if (options.webgpu) args.push('--enable-unsafe-webgpu');
  return chromium.launch({ executablePath: chromiumPath, headless: true, args });
}
