import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

// The live charts, drawn by uPlot. Each chart is created once at page load with empty data and a
// fixed height, so nothing moves when points arrive; redraws are batched to one per frame.

const HEIGHT = 200;

interface LiveChart {
  readonly plot: uPlot;
  readonly host: HTMLElement;
  readonly columns: (number | null)[][];
}

/**
 * Each chart starts with one empty point at x = 0 (a gap, not a value): uPlot leaves out the axes
 * of a chart with no x values at all, and putting them in on the first real point moves the plot.
 */
function emptyColumns(seriesCount: number): (number | null)[][] {
  return [[0], ...Array.from({ length: seriesCount }, () => [null])];
}

function liveChart(host: HTMLElement, options: Omit<uPlot.Options, 'width' | 'height'>, seriesCount: number): LiveChart {
  const columns = emptyColumns(seriesCount);
  const plot = new uPlot({ ...options, width: host.clientWidth, height: HEIGHT }, columns as uPlot.AlignedData, host);
  new ResizeObserver(() => plot.setSize({ width: host.clientWidth, height: HEIGHT })).observe(host);
  return { plot, host, columns };
}

/** The loss of every step, and train/test accuracy per epoch. */
export class TrainingCharts {
  readonly #loss: LiveChart;
  readonly #accuracy: LiveChart;
  #frame = 0;
  /** The x extent of the run: the axes span the whole run from its start, and fill in. */
  #plan = { steps: 1, epochs: 1 };

  constructor(lossHost: HTMLElement, accuracyHost: HTMLElement) {
    // Fixed axis sizes: uPlot otherwise widens an axis when its labels grow (loss 2 → 0.05), and
    // the plot area moves: a layout shift on every such change.
    const axisFont = { stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,0.2)' }, size: 48 };
    this.#loss = liveChart(lossHost, {
      title: 'Loss per step (cross-entropy)',
      // Fixed ranges (the whole run; loss from 0 to at least 2.5, where training starts) keep the
      // axes' labels, and so the plot area, from changing size as points arrive.
      scales: { x: { time: false, range: (_, __, max) => [0, Math.max(this.#plan.steps, max ?? 0)] }, y: { range: (_, __, max) => [0, Math.max(2.5, max ?? 0)] } },
      axes: [{ ...axisFont, label: 'step' }, { ...axisFont, label: 'loss' }],
      series: [{ label: 'step' }, { label: 'loss', stroke: '#2563eb', width: 1.5, points: { show: false } }],
    }, 1);
    this.#accuracy = liveChart(accuracyHost, {
      title: 'Accuracy per epoch (%)',
      scales: { x: { time: false, range: (_, __, max) => [0, Math.max(this.#plan.epochs, max ?? 0)] }, y: { range: [0, 100] } },
      axes: [{ ...axisFont, label: 'epoch', incrs: [1, 2, 5, 10] }, { ...axisFont, label: '%' }],
      series: [
        { label: 'epoch' },
        { label: 'train', stroke: '#9333ea', width: 2, points: { show: true, size: 6 } },
        { label: 'test', stroke: '#16a34a', width: 2, points: { show: true, size: 6 } },
      ],
    }, 2);
  }

  /** Empties both charts for a run of `epochs` epochs of `stepsPerEpoch` steps. */
  clear(epochs = 1, stepsPerEpoch = 1): void {
    this.#plan = { steps: epochs * stepsPerEpoch, epochs };
    for (const chart of [this.#loss, this.#accuracy]) chart.columns.splice(0, chart.columns.length, ...emptyColumns(chart.columns.length - 1));
    this.#redraw();
  }

  addStep(step: number, loss: number): void {
    const [steps, losses] = this.#loss.columns;
    steps.push(step);
    losses.push(loss);
    this.#redraw();
  }

  addEpoch(epoch: number, trainAccuracy: number, testAccuracy: number): void {
    const [epochs, train, test] = this.#accuracy.columns;
    epochs.push(epoch);
    // A checkpoint records test accuracy only: no train point rather than a made-up one.
    train.push(Number.isFinite(trainAccuracy) ? trainAccuracy * 100 : null);
    test.push(testAccuracy * 100);
    this.#redraw();
  }

  #redraw(): void {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      for (const chart of [this.#loss, this.#accuracy]) {
        chart.plot.setData(chart.columns as uPlot.AlignedData);
        // What the chart holds, for people reading the page with a screen reader (and for tests).
        chart.host.dataset.points = String(chart.columns[0].filter((_, i) => chart.columns.slice(1).some((column) => column[i] !== null)).length);
      }
    });
  }
}
