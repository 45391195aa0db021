import { arange, rand, randn, tidy, type Tensor } from '@neurite/tensor';

/** Windows of noisy sine waves and what to forecast from each. */
export interface SineWindows {
  /** Noisy observations `[count, steps, 1]` (batch-first, one feature). */
  readonly inputs: Tensor;
  /** The clean wave one step after the window `[count, 1]`: the forecast target. */
  readonly targets: Tensor;
  /** The last noisy observation of each window `[count, 1]`: the naive forecast. */
  readonly lastValues: Tensor;
}

export interface SineOptions {
  /** Standard deviation of the Gaussian noise on each observation (default 0.1). */
  readonly noise?: number;
}

/**
 * `count` windows of `steps` noisy samples of sin(ω t + φ), with ω in [0.2, 0.4] radians per step
 * and φ uniform, each drawn from the seeded RNG. The model must infer frequency and phase from the
 * noisy window to forecast the next clean value; repeating the last value ignores both.
 */
export function sineWindows(count: number, steps: number, options: SineOptions = {}): SineWindows {
  const noise = options.noise ?? 0.1;
  return tidy(() => {
    const frequency = rand([count, 1]).mul(0.2).add(0.2);
    const phase = rand([count, 1]).mul(2 * Math.PI);
    const time = arange(0, steps + 1).float().reshape([1, steps + 1]);
    const clean = time.mul(frequency).add(phase).sin();
    const noisy = clean.add(randn([count, steps + 1]).mul(noise));
    return {
      inputs: noisy.slice([0, 0], [count, steps]).unsqueeze(-1),
      targets: clean.slice([0, steps], [count, 1]),
      lastValues: noisy.slice([0, steps - 1], [count, 1]),
    };
  });
}

export function disposeWindows(windows: SineWindows): void {
  for (const tensor of [windows.inputs, windows.targets, windows.lastValues]) tensor.dispose();
}
