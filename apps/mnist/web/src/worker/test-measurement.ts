import type { TensorDataset, MnistItem } from '@neurite/data';
import type { TensorModule } from '@neurite/nn';
import { evaluate } from '../../../src/evaluate.js';
import type { EpochReport, MisclassifiedDigit } from '../protocol.js';

/** How many of the digits the model got wrong the page shows. */
const MISCLASSIFIED_SHOWN = 24;

/**
 * What the page shows of a model on the test digits, after an epoch or a loaded checkpoint: the
 * accuracy, the confusion matrix, and the first digits it got wrong with their images.
 */
export async function measureOnTest(model: TensorModule, test: TensorDataset<MnistItem>): Promise<Pick<EpochReport, 'testAccuracy' | 'confusion' | 'misclassified'>> {
  const { accuracy, confusion, misclassified } = await evaluate(model, test, { keepMisclassified: MISCLASSIFIED_SHOWN });
  if (misclassified.length === 0) return { testAccuracy: accuracy, confusion, misclassified: [] };
  // One batch and one read for all the images, rather than a read per digit (a GPU round trip each on WebGPU).
  const { input, target } = test.getBatch(misclassified.map((digit) => digit.index));
  const values = await input.data();
  input.dispose();
  target.dispose();
  const pixels = 28 * 28;
  const digits: MisclassifiedDigit[] = misclassified.map(({ predicted, actual }, i) => ({
    pixels: Uint8Array.from(values.subarray(i * pixels, (i + 1) * pixels), (v) => Math.round(v * 255)),
    predicted,
    actual,
  }));
  return { testAccuracy: accuracy, confusion, misclassified: digits };
}
