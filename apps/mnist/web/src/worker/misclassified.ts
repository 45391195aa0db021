import type { Dataset, MnistItem } from '@neurite/data';
import type { MisclassifiedDigit } from '../protocol.js';

/** The images of the digits the evaluation got wrong, as 0-255 grey levels the page can paint. */
export async function misclassifiedDigits(test: Dataset<MnistItem>, wrong: readonly { readonly index: number; readonly predicted: number; readonly actual: number }[]): Promise<MisclassifiedDigit[]> {
  const digits: MisclassifiedDigit[] = [];
  for (const { index, predicted, actual } of wrong) {
    const { input, target } = test.get(index);
    const values = await input.data();
    input.dispose();
    target.dispose();
    digits.push({ pixels: Uint8Array.from(values, (v) => Math.round(v * 255)), predicted, actual });
  }
  return digits;
}
