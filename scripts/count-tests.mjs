#!/usr/bin/env node
// Counts tests from the Vitest JSON reports in .vitest-reports/ (written by vitest.shared.ts) and
// prints one closing line, `N passed, N failed[, N skipped]`, which CI reads; vitest's own summary
// lines are per package and are not read as a count. Exits 1 on any failure or missing report.
//
// What counts as a failure, besides a failed test:
// - a test file that failed as a whole (an error at import: it has no test results of its own);
// - a report that says the run did not succeed although no test failed (e.g. an unhandled error);
// - a report that should exist and does not (its package's vitest never ran or crashed);
// - with NEURITE_REQUIRE_ALL set (CI), every skipped or todo test: a test may skip only where what it
//   needs is truly absent on a user's machine, and CI's machine must have everything.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reportsDir = join(root, '.vitest-reports');
const requireAll = Boolean(process.env.NEURITE_REQUIRE_ALL);
const browserExpected = requireAll || existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');

// The reports each workspace package (packages/, apps/, tools/) should have left: <folder>.node.json for a vitest `test`
// script, <folder>.browser.json for a `test:browser` script (when browser tests were to run).
const expected = [];
for (const group of ['packages', 'apps', 'tools']) {
  const groupDir = join(root, group);
  if (!existsSync(groupDir)) continue;
  for (const dir of readdirSync(groupDir)) {
    const manifest = join(groupDir, dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const scripts = JSON.parse(readFileSync(manifest, 'utf8')).scripts ?? {};
    if (/\bvitest\b/.test(scripts.test ?? '')) expected.push(`${dir}.node.json`);
    if (browserExpected && /\bvitest\b/.test(scripts['test:browser'] ?? '')) expected.push(`${dir}.browser.json`);
  }
}

const found = existsSync(reportsDir) ? readdirSync(reportsDir).filter((f) => f.endsWith('.json')).sort() : [];
let passed = 0;
let failed = 0;
const skipped = [];
const problems = [];

for (const file of found) {
  let report;
  try {
    report = JSON.parse(readFileSync(join(reportsDir, file), 'utf8'));
  } catch (error) {
    failed += 1;
    problems.push(`${file}: unreadable report (${error.message})`);
    continue;
  }
  const source = basename(file, '.json');
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  let fileFailures = 0;
  for (const testFile of report.testResults ?? []) {
    const where = `${source}: ${testFile.name.replace(`${root}/`, '')}`;
    const results = testFile.assertionResults ?? [];
    if (testFile.status === 'failed' && !results.some((r) => r.status === 'failed')) {
      fileFailures += 1;
      problems.push(`${where} failed to run: ${(testFile.message ?? '').split('\n')[0]}`);
    }
    for (const r of results) {
      if (r.status === 'failed') problems.push(`${where} > ${r.fullName}`);
      if (r.status === 'skipped' || r.status === 'pending' || r.status === 'todo') skipped.push(`${where} > ${r.fullName} (${r.status})`);
    }
  }
  failed += fileFailures;
  if (report.success === false && (report.numFailedTests ?? 0) + fileFailures === 0) {
    failed += 1;
    const why = (report.testResults ?? []).length === 0 ? 'no test files found' : 'an error outside any test';
    problems.push(`${file}: vitest reported the run as failed (${why})`);
  }
}

for (const name of expected) {
  if (!found.includes(name)) {
    failed += 1;
    problems.push(`${name}: missing report (its tests did not run, or did not finish)`);
  }
}

if (found.length === 0) problems.push(`no test report found in ${reportsDir}`);
if (problems.length) console.log(`\nFailures:\n${problems.map((p) => `  ${p}`).join('\n')}`);
if (skipped.length) {
  const verdict = requireAll ? 'counted as failures, NEURITE_REQUIRE_ALL is set' : 'allowed outside CI';
  console.log(`\nSkipped tests (${verdict}):\n${skipped.map((s) => `  ${s}`).join('\n')}`);
}

if (requireAll) failed += skipped.length;
const line = `${passed} passed, ${failed} failed${!requireAll && skipped.length ? `, ${skipped.length} skipped` : ''}`;
console.log(`\n${line}`);
process.exit(failed > 0 || found.length === 0 ? 1 : 0);
