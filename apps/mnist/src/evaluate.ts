import { noGrad, tidy, type Tensor } from '@neurite/tensor';
import { DataLoader, type Dataset, type MnistItem } from '@neurite/data';
import type { TensorModule } from '@neurite/nn';

export interface Evaluation {
  readonly accuracy: number;
  /** confusion[actual][predicted] counts. */
  readonly confusion: readonly (readonly number[])[];
  /** The first test digits the model got wrong (up to `keepMisclassified`), by dataset index. */
  readonly misclassified: readonly { readonly index: number; readonly predicted: number; readonly actual: number }[];
}

/** Accuracy and confusion matrix of `model` on `dataset`, in eval mode and without a graph. */
export async function evaluate(model: TensorModule, dataset: Dataset<MnistItem>, { batchSize = 500, keepMisclassified = 0 } = {}): Promise<Evaluation> {
  const confusion = Array.from({ length: 10 }, () => new Array<number>(10).fill(0));
  const misclassified: { index: number; predicted: number; actual: number }[] = [];
  const wasTraining = model.training;
  model.eval();
  let correct = 0;
  let total = 0;
  try {
    for (const { input, target } of new DataLoader(dataset, { batchSize })) {
      const predictions: Tensor = noGrad(() => tidy(() => model.forward(input).argmax(1)));
      const [predicted, actual] = await Promise.all([predictions.data(), target.data()]);
      for (let i = 0; i < actual.length; i++) {
        confusion[actual[i]][predicted[i]]++;
        if (actual[i] === predicted[i]) correct++;
        else if (misclassified.length < keepMisclassified) misclassified.push({ index: total + i, predicted: predicted[i], actual: actual[i] });
      }
      total += actual.length;
      for (const t of [predictions, input, target]) t.dispose();
    }
  } finally {
    model.train(wasTraining);
  }
  return { accuracy: total === 0 ? 0 : correct / total, confusion, misclassified };
}

/** The matrix as text: rows are the true digit, columns the predicted one. */
export function formatConfusion(confusion: readonly (readonly number[])[]): string {
  const width = Math.max(4, ...confusion.flat().map((n) => String(n).length + 1));
  const cell = (text: string | number) => String(text).padStart(width);
  const header = `true\\pred${confusion.map((_, i) => cell(i)).join('')}`;
  const rows = confusion.map((row, i) => `${String(i).padStart(9)}${row.map(cell).join('')}`);
  return [header, ...rows].join('\n');
}
