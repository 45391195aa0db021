/**
 * One epoch's progress: batch, loss, samples/s and ETA. On a terminal it redraws one line; in a log
 * (CI, a pipe) it prints a line at each quarter, so the output stays readable.
 */
export class ProgressBar {
  readonly #started = performance.now();
  readonly #interactive: boolean;
  #lastQuarter = -1;

  constructor(
    private readonly label: string,
    private readonly totalBatches: number,
    private readonly write: (text: string) => void,
    interactive: boolean,
  ) {
    this.#interactive = interactive;
  }

  update(batches: number, samples: number, loss: number): void {
    const seconds = (performance.now() - this.#started) / 1000;
    const rate = samples / Math.max(seconds, 1e-9);
    const remaining = batches > 0 ? (seconds / batches) * (this.totalBatches - batches) : 0;
    const width = 24;
    const filled = Math.round((batches / this.totalBatches) * width);
    const line =
      `${this.label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(batches).padStart(String(this.totalBatches).length)}/${this.totalBatches}` +
      `  loss ${loss.toFixed(4)}  ${Math.round(rate).toLocaleString('en-US')} samples/s  ETA ${formatSeconds(remaining)}`;
    if (this.#interactive) {
      this.write(`\r${line}`);
      return;
    }
    const quarter = Math.floor((batches / this.totalBatches) * 4);
    if (quarter !== this.#lastQuarter && quarter > 0) {
      this.#lastQuarter = quarter;
      this.write(`${line}\n`);
    }
  }

  finish(): void {
    if (this.#interactive) this.write('\n');
  }
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
}
