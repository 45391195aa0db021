import type { Page } from 'playwright-core';

// What a user does on the page, as the tests do it: through the controls, never through internals.

export interface TrainingRun {
  /** The page's performance.now() when Start was pressed and when training ended. */
  readonly started: number;
  readonly ended: number;
  readonly status: string;
}

export async function trainOnPage(page: Page, options: { model: 'mlp' | 'cnn'; backend: string; epochs: number }, timeoutMs: number): Promise<TrainingRun> {
  await page.check(`input[name="model"][value="${options.model}"]`);
  await page.fill('#epochs', String(options.epochs));
  await page.selectOption('#backend', options.backend);
  const started = await page.evaluate(() => performance.now());
  await page.click('#start');
  await page.waitForFunction(
    () => ['done', 'stopped'].includes(document.getElementById('eta')!.textContent!) || document.getElementById('status')!.classList.contains('error'),
    undefined,
    { timeout: timeoutMs },
  );
  const ended = await page.evaluate(() => performance.now());
  return { started, ended, status: await page.locator('#status').innerText() };
}

/** The percentage the page shows as the test accuracy, e.g. 90.95 for "90.95%". */
export async function shownAccuracy(page: Page): Promise<number> {
  return Number.parseFloat((await page.locator('#test-accuracy').innerText()).replace('%', ''));
}

/** The confusion matrix as the page shows it (rows: true digit). */
export function shownConfusion(page: Page): Promise<number[][]> {
  return page.$$eval('#confusion tbody tr', (rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => Number(cell.textContent))));
}

/** How many pixels of a chart's canvas uPlot has painted: zero means an empty chart. */
export function paintedPixels(page: Page, chartId: string): Promise<number> {
  return page.$eval(`#${chartId} canvas`, (canvas) => {
    const { data } = (canvas as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, (canvas as HTMLCanvasElement).width, (canvas as HTMLCanvasElement).height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
    return painted;
  });
}

/** Draws a stroke through `points` (fractions of the pad's size) with the mouse. */
export async function drawStroke(page: Page, points: readonly (readonly [number, number])[]): Promise<void> {
  // The mouse works in viewport coordinates: bring the pad into view first.
  await page.locator('#pad').scrollIntoViewIfNeeded();
  const box = (await page.locator('#pad').boundingBox())!;
  const at = ([x, y]: readonly [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const point of points.slice(1)) await page.mouse.move(...at(point), { steps: 4 });
  await page.mouse.up();
}

/** A vertical stroke down the middle: a "1". */
export const ONE: readonly (readonly [number, number])[] = [[0.5, 0.15], [0.5, 0.85]];

/** An upright ellipse, closed: a "0". */
export const ZERO: readonly (readonly [number, number])[] = Array.from({ length: 41 }, (_, i) => {
  const angle = (i / 40) * Math.PI * 2;
  return [0.5 + 0.25 * Math.sin(angle), 0.5 - 0.33 * Math.cos(angle)] as const;
});

/** Waits until the page's reading of the drawing is `digit`; returns what it read in the end. */
export async function readDigit(page: Page, digit: number): Promise<string> {
  await page.waitForFunction((expected) => document.getElementById('verdict')!.dataset.digit === String(expected), digit, { timeout: 15_000 }).catch(() => undefined);
  return page.locator('#verdict').innerText();
}
