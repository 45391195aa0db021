import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipWithoutChromium } from '@neurite/test-chromium';
import { appDir, mainThreadRecord, openPage, servePage } from './browser.js';
import { ONE, ZERO, drawStroke, paintedPixels, readDigit, shownAccuracy, shownConfusion, trainOnPage } from './page-actions.js';

// The built page (dist/web, as `npm run mnist:web` serves it) driven in Debian's Chromium.

const screenshots = join(appDir, '.screenshots');
const TEST_DIGITS = 2_000;

describe.skipIf(skipWithoutChromium("the MNIST page's browser tests"))('the MNIST page in Chromium', () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    server = await servePage();
    browser = await launchChromium({ webgpu: true });
    mkdirSync(screenshots, { recursive: true });
    console.log(`MNIST page screenshots: ${screenshots}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens the page and checks, when the test is done, that it logged no error and fetched nothing from elsewhere. */
  async function withPage(test: (page: Page) => Promise<void>, viewport?: { width: number; height: number }): Promise<void> {
    const { page, errors } = await openPage(browser, server.url, viewport);
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url) && !/^(data|blob):/.test(request.url())) elsewhere.push(request.url());
    });
    try {
      await test(page);
      expect(errors, 'console errors on the page').toEqual([]);
      expect(elsewhere, 'requests that left the page\'s own server').toEqual([]);
    } finally {
      await page.close();
    }
  }

  describe.each(['webgpu', 'worker', 'cpu'])('training the MLP for one epoch on %s', (backend) => {
    it('reaches 90% test accuracy, fills the charts, the confusion matrix and the mistakes, reads drawn digits, and keeps the main thread free', async () => {
      await withPage(async (page) => {
        const option = page.locator(`#backend option[value="${backend}"]`);
        expect(await option.isDisabled(), `the page says ${backend} is unavailable: ${await page.locator('#backend-notes').innerText()}`).toBe(false);
        const run = await trainOnPage(page, { model: 'mlp', backend, epochs: 1 }, 240_000);
        expect(run.status).toMatch(/^Finished after/);
        const inUse = await page.locator('#backend-in-use').getAttribute('title');
        expect(inUse).toMatch({ webgpu: /^WebGPU: /, worker: /^worker pool: \d+ worker threads/, cpu: /^CPU: / }[backend]!);
        // This machine has no GPU: the page must say the adapter is software.
        if (backend === 'webgpu') expect(inUse).toMatch(/software adapter/);

        const accuracy = await shownAccuracy(page);
        expect(accuracy).toBeGreaterThanOrEqual(90);
        // One point per step (8,000 digits in batches of 32) and one per epoch, and uPlot painted them.
        expect(await page.locator('#loss-chart').getAttribute('data-points')).toBe('250');
        expect(await page.locator('#accuracy-chart').getAttribute('data-points')).toBe('1');
        expect(await paintedPixels(page, 'loss-chart')).toBeGreaterThan(500);
        expect(await paintedPixels(page, 'accuracy-chart')).toBeGreaterThan(50);

        const confusion = await shownConfusion(page);
        expect(confusion.flat().reduce((a, b) => a + b, 0)).toBe(TEST_DIGITS);
        const correct = confusion.reduce((sum, row, i) => sum + row[i], 0);
        expect((correct / TEST_DIGITS) * 100).toBeCloseTo(accuracy, 2);
        const captions = await page.locator('#misclassified figcaption').allInnerTexts();
        expect(captions).toHaveLength(24);
        for (const caption of captions) {
          const [, said, is] = /^said (\d), is (\d)$/.exec(caption) ?? [];
          expect(said, caption).toBeDefined();
          expect(said).not.toBe(is);
        }

        const { longTasks, layoutShifts } = await mainThreadRecord(page);
        const during = <T extends { start: number }>(entries: readonly T[]) => entries.filter((entry) => entry.start >= run.started && entry.start <= run.ended);
        const longest = Math.max(0, ...during(longTasks).map((task) => task.duration));
        console.log(`${backend}: ${accuracy}% after one MLP epoch, ${((run.ended - run.started) / 1000).toFixed(1)} s; longest main-thread task while training ${longest} ms; layout shifts ${JSON.stringify(during(layoutShifts))}`);
        expect(longest, 'the longest main-thread task while training (ms)').toBeLessThan(200);
        expect(during(layoutShifts), 'layout shifts while training').toEqual([]);
        // The model just trained reads drawn digits.
        await drawStroke(page, ONE);
        expect(await readDigit(page, 1)).toMatch(/^It reads a 1 /);
        await page.click('#clear');
        await drawStroke(page, ZERO);
        expect(await readDigit(page, 0)).toMatch(/^It reads a 0 /);
        await page.screenshot({ path: join(screenshots, `trained-mlp-${backend}.png`), fullPage: true });
      });
    }, 300_000);
  });

  describe('with a checkpoint the CLI trained', () => {
    const folder = mkdtempSync(join(tmpdir(), 'neurite-mnist-web-'));
    const checkpoint = join(folder, 'mnist-checkpoint.safetensors');
    let cliAccuracy: string;

    beforeAll(async () => {
      // `npm run mnist` with its defaults: the CNN, 10 epochs, on the CPU.
      const { stdout } = await promisify(execFile)(process.execPath, [join(appDir, 'dist/main.js'), '--out', checkpoint], { cwd: folder });
      cliAccuracy = /final test accuracy: (\d+\.\d\d)%/.exec(stdout)?.[1] ?? `(not printed: ${stdout})`;
    }, 240_000);
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    it('loads it, measures the accuracy the CLI printed, and reads a drawn 1 and 0', async () => {
      await withPage(async (page) => {
        await page.selectOption('#backend', 'cpu');
        // The MLP is selected; the file says it holds the CNN, and the page follows the file.
        await page.check('input[name="model"][value="mlp"]');
        await page.setInputFiles('#load', checkpoint);
        await page.waitForFunction(() => /^(Loaded|Could not)/.test(document.getElementById('checkpoint-message')!.textContent!));
        const message = await page.locator('#checkpoint-message').innerText();
        expect(message).toBe(`Loaded mnist-checkpoint.safetensors: the CNN after 10 epochs, test accuracy ${cliAccuracy}% on the 2,000 test digits.`);
        expect(await page.locator('#test-accuracy').innerText()).toBe(`${cliAccuracy}%`);
        expect(await page.locator('input[name="model"][value="cnn"]').isChecked()).toBe(true);
        // The checkpoint's own record of its ten epochs, on the accuracy chart.
        await expect.poll(() => page.locator('#accuracy-chart').getAttribute('data-points')).toBe('10');

        await drawStroke(page, ONE);
        expect(await readDigit(page, 1)).toMatch(/^It reads a 1 /);
        await page.click('#clear');
        await drawStroke(page, ZERO);
        expect(await readDigit(page, 0)).toMatch(/^It reads a 0 /);
        await page.screenshot({ path: join(screenshots, 'cli-checkpoint-drawn-zero.png'), fullPage: true });
      });
    }, 120_000);

    it('saves what it loaded as a checkpoint that loads back with the same accuracy', async () => {
      await withPage(async (page) => {
        await page.selectOption('#backend', 'cpu');
        await page.setInputFiles('#load', checkpoint);
        await page.waitForFunction(() => /^Loaded/.test(document.getElementById('checkpoint-message')!.textContent!));
        const download = page.waitForEvent('download');
        await page.click('#save');
        const saved = join(folder, (await download).suggestedFilename());
        await (await download).saveAs(saved);
        expect(saved).toMatch(/mnist-cnn-epoch10\.safetensors$/);
        await page.reload();
        await page.waitForFunction(() => (document.getElementById('backend') as HTMLSelectElement).options.length === 3);
        await page.selectOption('#backend', 'cpu');
        await page.setInputFiles('#load', saved);
        await page.waitForFunction(() => /^(Loaded|Could not)/.test(document.getElementById('checkpoint-message')!.textContent!));
        expect(await page.locator('#checkpoint-message').innerText()).toMatch(new RegExp(`^Loaded mnist-cnn-epoch10.safetensors: the CNN after 10 epochs, test accuracy ${cliAccuracy.replace('.', '\\.')}%`));
      });
    }, 120_000);

    it('explains a file that is not a checkpoint instead of failing', async () => {
      await withPage(async (page) => {
        const tryLoad = async (name: string, buffer: Buffer) => {
          await page.evaluate(() => (document.getElementById('checkpoint-message')!.textContent = ''));
          await page.setInputFiles('#load', { name, mimeType: 'application/octet-stream', buffer });
          await page.waitForFunction(() => document.getElementById('checkpoint-message')!.textContent!.startsWith('Could not'));
          expect(await page.locator('#checkpoint-message').getAttribute('role')).toBe('alert');
          return page.locator('#checkpoint-message').innerText();
        };
        expect(await tryLoad('broken.safetensors', Buffer.from('this is not a model, just some text'))).toMatch(/^Could not load that file: 'broken\.safetensors' is not a safetensors file \(.+\)$/);
        // A real safetensors file with weights of something else (no checkpoint metadata).
        const header = Buffer.from(JSON.stringify({ 'weight': { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }));
        const other = Buffer.concat([Buffer.from(new BigUint64Array([BigInt(header.length)]).buffer), header, Buffer.alloc(8)]);
        expect(await tryLoad('other.safetensors', other)).toMatch(/^Could not load that file: 'other\.safetensors' is a safetensors file but not a Neurite MNIST checkpoint/);
        // The CLI's checkpoint with its weights cut short.
        expect(await tryLoad('truncated.safetensors', readFileSync(checkpoint).subarray(0, 20_000))).toMatch(/^Could not load that file: 'truncated\.safetensors' is not a safetensors file/);
        // Nothing was loaded, and the page still works: the drawing pad asks for a model.
        await drawStroke(page, ONE);
        await expect.poll(() => page.locator('#verdict').innerText()).toMatch(/^Train a model or load a checkpoint first/);
      });
    }, 60_000);
  });

  it('reads a drawing mid-run, pauses, resumes and stops a run, and saves while paused', async () => {
    await withPage(async (page) => {
      const points = async () => Number(await page.locator('#loss-chart').getAttribute('data-points'));
      await page.check('input[name="model"][value="cnn"]');
      await page.fill('#epochs', '2');
      await page.selectOption('#backend', 'cpu');
      await page.click('#start');
      await expect.poll(points, { timeout: 60_000 }).toBeGreaterThan(10);
      // The model in training reads a drawing between two of its steps.
      await drawStroke(page, ONE);
      await page.waitForFunction(() => document.getElementById('verdict')!.dataset.digit !== undefined, undefined, { timeout: 15_000 });
      expect(await page.locator('#eta').innerText()).not.toMatch(/done|stopped/);
      await page.click('#pause');
      await expect.poll(() => page.locator('#pause').innerText()).toBe('Resume');
      // The chart redraws on the next animation frame: let the last steps before the pause land.
      await page.waitForTimeout(300);
      const pausedAt = await points();
      await page.waitForTimeout(1_000);
      expect(await points(), 'steps taken while paused').toBe(pausedAt);
      // A paused run is one consistent step: it can be saved.
      expect(await page.locator('#save').isDisabled()).toBe(false);
      const download = page.waitForEvent('download');
      await page.click('#save');
      expect((await download).suggestedFilename()).toBe('mnist-cnn-epoch0.safetensors');
      const saved = join(mkdtempSync(join(tmpdir(), 'neurite-mnist-paused-')), 'paused.safetensors');
      await (await download).saveAs(saved);
      await page.click('#pause');
      await expect.poll(points, { timeout: 60_000 }).toBeGreaterThan(pausedAt + 5);
      await page.click('#stop');
      await page.waitForFunction(() => document.getElementById('eta')!.textContent === 'stopped', undefined, { timeout: 60_000 });
      expect(await page.locator('#status').innerText()).toMatch(/^Stopped after /);
      expect(await page.locator('#start').isDisabled()).toBe(false);

      // The CLI continues the page's mid-epoch checkpoint where the page paused.
      const { stdout } = await promisify(execFile)(process.execPath, [join(appDir, 'dist/main.js'), '--model', 'cnn', '--epochs', '2', '--out', saved, '--resume']);
      expect(stdout).toMatch(new RegExp(`resuming from .*paused\\.safetensors: epoch 1, batch ${pausedAt}\\b`));
      expect(stdout).toMatch(/final test accuracy: \d+\.\d\d%/);
      rmSync(dirname(saved), { recursive: true, force: true });
    });
  }, 180_000);

  it('is usable with the keyboard and fits a phone screen', async () => {
    await withPage(async (page) => {
      const reached: string[] = [];
      await page.locator('body').focus();
      for (let i = 0; i < 14; i++) {
        await page.keyboard.press('Tab');
        reached.push(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.id || (document.activeElement as HTMLInputElement | null)?.value || ''));
      }
      expect(reached).toEqual(expect.arrayContaining(['cnn', 'backend', 'epochs', 'batch-size', 'lr', 'start', 'clear', 'load']));
      // Keyboard only: choose the MLP with the arrow key, one epoch, and press Enter to start.
      await page.focus('input[value="cnn"]');
      await page.keyboard.press('ArrowRight');
      expect(await page.locator('input[value="mlp"]').isChecked()).toBe(true);
      await page.fill('#epochs', '1');
      await page.selectOption('#backend', 'cpu');
      await page.focus('#start');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.getElementById('eta')!.textContent === 'done', undefined, { timeout: 120_000 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth), 'page width at 390 px').toBeLessThanOrEqual(390);
      await page.screenshot({ path: join(screenshots, 'phone-width.png'), fullPage: true });
    }, { width: 390, height: 844 });
  }, 180_000);
});
