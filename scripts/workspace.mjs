#!/usr/bin/env node
// The root entry point: `npm test`, `npm run mnist`, `npm run mnist:web`, `npm run bench`,
// `npm run docs` all come here.
//
// Why a script and not plain package.json scripts: a user (or CI) may have only Node 20 and npm.
// This gets the pinned pnpm without corepack (`corepack enable` fails on these machines), installs
// the workspace from the lockfile, and then runs the one thing asked for, streaming its output and
// exiting with the exit code of the first command that failed.
//
// Usage: node scripts/workspace.mjs test|mnist|mnist:web|bench|docs [-- args for the app]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PNPM_VERSION = '10.34.9'; // keep in step with "packageManager" in package.json
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [command, ...rest] = process.argv.slice(2);
// npm passes what follows `--` on through; drop a leading `--` if one arrives here as well.
const appArgs = rest[0] === '--' ? rest.slice(1) : rest;
if (!['test', 'mnist', 'mnist:web', 'bench', 'docs'].includes(command)) {
  console.error('usage: node scripts/workspace.mjs test|mnist|mnist:web|bench|docs [-- args]');
  process.exit(2);
}

// turbo otherwise phones home; CI and users get the same quiet behaviour.
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };

/** Runs a command in the repo root with inherited stdio; returns its exit code. */
function run(cmd, args, { quiet = false } = {}) {
  if (!quiet) console.log(`\n> ${[cmd, ...args].join(' ')}`);
  const result = spawnSync(cmd, args, { cwd: root, env, stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8' });
  if (result.error) {
    if (!quiet) console.error(`workspace: could not start ${cmd}: ${result.error.message}`);
    return { status: 127, stdout: '' };
  }
  // A command killed by a signal has no status; report it as a failure all the same.
  return { status: result.status ?? 1, stdout: result.stdout ?? '' };
}

/** Runs a step and exits the whole script with its code if it failed. */
function step(cmd, args) {
  const { status } = run(cmd, args);
  if (status !== 0) {
    console.error(`\nworkspace: \`${[cmd, ...args].join(' ')}\` failed with exit code ${status}`);
    process.exit(status);
  }
}

/** The pnpm to use: the installed one if it is exactly the pinned version, else npx fetches that version. */
function findPnpm() {
  const installed = run('pnpm', ['--version'], { quiet: true });
  if (installed.status === 0 && installed.stdout.trim() === PNPM_VERSION) return ['pnpm'];
  console.log(`workspace: pnpm ${PNPM_VERSION} not on PATH; using npx --yes pnpm@${PNPM_VERSION}`);
  return ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
}

const [pnpmCmd, ...pnpmPrefix] = findPnpm();
const pnpm = (...args) => step(pnpmCmd, [...pnpmPrefix, ...args]);

function setup() {
  // --frozen-lockfile: a clone must install exactly what was committed (pnpm turns it on in CI anyway).
  if (existsSync(join(root, 'pnpm-lock.yaml'))) pnpm('install', '--frozen-lockfile');
  else pnpm('install');
}

// An app imports the packages' dist/ builds, which a fresh clone does not have: build what the app
// depends on first. turbo's `^build` pulls in exactly the app's dependencies (not `--filter=app...`,
// which also follows the root package's devDependencies), and its cache skips what is up to date.
function buildFor(app) {
  pnpm('exec', 'turbo', 'run', 'build', `--filter=${app}`, '--output-logs=errors-only');
}

function browserTests() {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    // Never downloaded (`playwright install` cannot reach its CDN): Debian's package is the source.
    const message =
      `Browser tests need Chromium at ${chromium} (Debian: \`apt-get install -y chromium\`, ` +
      'or set CHROMIUM_PATH to a Chromium binary).';
    if (process.env.NEURITE_REQUIRE_ALL) {
      console.error(`\nworkspace: ${message} NEURITE_REQUIRE_ALL is set, so this is a failure.`);
      process.exit(1);
    }
    console.warn(`\n${'!'.repeat(72)}\nSKIPPED browser tests. ${message}\n${'!'.repeat(72)}`);
    return;
  }
  // One at a time: each run starts its own Chromium and these machines have 2 cores. --only: the
  // builds and Node tests it depends on in turbo.json have just passed; do not run them again.
  pnpm('exec', 'turbo', 'run', 'test:browser', '--concurrency=1', '--only');
}

/** Resolves to `port` if nothing listens there, else to the next free one above it. */
function freePort(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(freePort(port + 1)));
    probe.listen(port, () => probe.close(() => resolve(port)));
  });
}

/**
 * Serves a built site with its package's `preview` script until Ctrl-C. The port is `--port N` if
 * given, else `defaultPort` or the next free one (a site already running there should not stop this one).
 */
async function serveBuilt({ app, title, script, defaultPort, args, extraArgs = [] }) {
  const asked = args.indexOf('--port');
  const port = asked >= 0 ? Number(args[asked + 1]) : await freePort(defaultPort);
  if (!Number.isInteger(port) || port <= 0) {
    console.error(`usage: npm run ${script} [-- --port N]`);
    process.exit(2);
  }
  console.log(`\n${title}: http://localhost:${port}/  (Ctrl-C stops the server)`);
  pnpm('--filter', app, 'run', 'preview', '--port', String(port), ...extraArgs);
}

switch (command) {
  case 'test':
    setup();
    // --continue: one package's failure should not hide the others' results (CI counts every
    // report); tasks whose dependencies failed are still skipped. The exit code stays non-zero.
    pnpm('exec', 'turbo', 'run', 'build', 'typecheck', 'lint', 'publint', 'test', '--concurrency=2', '--continue=dependencies-successful');
    browserTests();
    break;
  case 'mnist':
    setup();
    buildFor('@neurite/app-mnist');
    pnpm('--filter', '@neurite/app-mnist', 'start', ...appArgs);
    break;
  case 'bench':
    setup();
    buildFor('@neurite/bench');
    pnpm('--filter', '@neurite/bench', 'start', ...appArgs);
    break;
  case 'docs':
    setup();
    // turbo builds the packages the docs app depends on, then the site (TypeDoc, then VitePress),
    // and replays the site from its cache when neither the guides nor the packages changed.
    buildFor('@neurite/app-docs');
    await serveBuilt({ app: '@neurite/app-docs', title: 'Neurite docs', script: 'docs', defaultPort: 4173, args: appArgs });
    break;
  case 'mnist:web':
    setup();
    // The page's production build (dist/web), served with the cross-origin isolation headers the
    // worker backend needs, as any static host configured with dist/web/_headers would serve it.
    buildFor('@neurite/app-mnist');
    await serveBuilt({ app: '@neurite/app-mnist', title: 'Neurite MNIST trainer', script: 'mnist:web', defaultPort: 4174, args: appArgs, extraArgs: ['--strictPort'] });
    break;
}
