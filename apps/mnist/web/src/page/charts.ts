import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

// The live charts, drawn by uPlot. Each chart is created once at page load with empty data and a
// fixed height, so nothing moves when points arrive; redraws are batched to one per frame.

const HEIGHT = 200;

interface LiveChart {
  readonly plot: uPlot;
  readonly host: HTMLElement;
  readonly columns: number[][];
}

function liveChart(host: HTMLElement, options: Omit<uPlot.Options, 'width' | 'height'>, seriesCount: number): LiveChart {
  const columns = Array.from({ length: seriesCount + 1 }, () => [] as number[]);
  const plot = new uPlot({ ...options, width: host.clientWidth, height: HEIGHT }, columns as uPlot.AlignedData, host);
  new ResizeObserver(() => plot.setSize({ width: host.clientWidth, height: HEIGHT })).observe(host);
  return { plot, host, columns };
}

/** The loss of every step, and train/test accuracy per epoch. */
export class TrainingCharts {
  readonly #loss: LiveChart;
  readonly #accuracy: LiveChart;
  #frame = 0;

  constructor(lossHost: HTMLElement, accuracyHost: HTMLElement) {
    // Fixed axis sizes: uPlot otherwise widens an axis when its labels grow (loss 2 → 0.05), and
    // the plot area moves: a layout shift on every such change.
    const axisFont = { stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,0.2)' }, size: 48 };
    this.#loss = liveChart(lossHost, {
      title: 'Loss per step (cross-entropy)',
      scales: { x: { time: false } },
      axes: [{ ...axisFont, label: 'step' }, { ...axisFont, label: 'loss' }],
      series: [{ label: 'step' }, { label: 'loss', stroke: '#2563eb', width: 1.5, points: { show: false } }],
    }, 1);
    this.#accuracy = liveChart(accuracyHost, {
      title: 'Accuracy per epoch (%)',
      scales: { x: { time: false }, y: { range: [0, 100] } },
      axes: [{ ...axisFont, label: 'epoch', incrs: [1, 2, 5, 10] }, { ...axisFont, label: '%' }],
      series: [
        { label: 'epoch' },
        { label: 'train', stroke: '#9333ea', width: 2, points: { show: true, size: 6 } },
        { label: 'test', stroke: '#16a34a', width: 2, points: { show: true, size: 6 } },
      ],
    }, 2);
  }

  clear(): void {
    for (const chart of [this.#loss, this.#accuracy]) for (const column of chart.columns) column.length = 0;
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
    train.push(trainAccuracy * 100);
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
        chart.host.dataset.points = String(chart.columns[0].length);
      }
    });
  }
}
