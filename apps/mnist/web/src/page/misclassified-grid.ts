import type { MisclassifiedDigit } from '../protocol.js';

/**
 * A grid of test digits the model got wrong, each with what it said and what it was. The cells
 * are made at page load with their final size, so filling them moves nothing.
 */
export class MisclassifiedGrid {
  readonly #cells: { readonly figure: HTMLElement; readonly canvas: HTMLCanvasElement; readonly caption: HTMLElement }[] = [];

  constructor(host: HTMLElement, count: number) {
    for (let i = 0; i < count; i++) {
      const figure = document.createElement('figure');
      const canvas = document.createElement('canvas');
      canvas.width = 28;
      canvas.height = 28;
      const caption = document.createElement('figcaption');
      figure.append(canvas, caption);
      host.appendChild(figure);
      this.#cells.push({ figure, canvas, caption });
    }
  }

  show(digits: readonly MisclassifiedDigit[]): void {
    this.#cells.forEach((cell, i) => {
      const digit = digits[i];
      cell.figure.classList.toggle('empty', !digit);
      const context = cell.canvas.getContext('2d')!;
      if (!digit) {
        context.clearRect(0, 0, 28, 28);
        cell.caption.textContent = '';
        cell.canvas.removeAttribute('aria-label');
        return;
      }
      const image = context.createImageData(28, 28);
      digit.pixels.forEach((value, j) => {
        // Dark ink on white paper, as people write.
        image.data.set([255 - value, 255 - value, 255 - value, 255], j * 4);
      });
      context.putImageData(image, 0, 0);
      cell.canvas.setAttribute('role', 'img');
      cell.canvas.setAttribute('aria-label', `a ${digit.actual} the model read as ${digit.predicted}`);
      cell.caption.textContent = `said ${digit.predicted}, is ${digit.actual}`;
    });
  }
}
