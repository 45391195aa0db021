/** The model's probability for each digit as horizontal bars, made once and updated in place. */
export class ProbabilityBars {
  readonly #bars: { readonly row: HTMLElement; readonly fill: HTMLElement; readonly value: HTMLElement }[] = [];
  readonly #verdict: HTMLElement;

  constructor(list: HTMLElement, verdict: HTMLElement) {
    this.#verdict = verdict;
    for (let digit = 0; digit < 10; digit++) {
      const row = document.createElement('li');
      const label = document.createElement('span');
      label.className = 'digit';
      label.textContent = String(digit);
      const track = document.createElement('span');
      track.className = 'track';
      const fill = document.createElement('span');
      fill.className = 'fill';
      track.appendChild(fill);
      const value = document.createElement('span');
      value.className = 'value';
      row.append(label, track, value);
      list.appendChild(row);
      this.#bars.push({ row, fill, value });
    }
    this.clear('Draw a digit in the box.');
  }

  show(probabilities: readonly number[]): void {
    const best = probabilities.indexOf(Math.max(...probabilities));
    probabilities.forEach((p, digit) => {
      const bar = this.#bars[digit];
      bar.fill.style.width = `${(p * 100).toFixed(1)}%`;
      bar.value.textContent = `${(p * 100).toFixed(1)}%`;
      bar.row.classList.toggle('best', digit === best);
    });
    this.#verdict.textContent = `It reads a ${best} (${(probabilities[best] * 100).toFixed(1)}% sure).`;
    this.#verdict.dataset.digit = String(best);
  }

  clear(message: string): void {
    for (const bar of this.#bars) {
      bar.fill.style.width = '0%';
      bar.value.textContent = '';
      bar.row.classList.remove('best');
    }
    this.#verdict.textContent = message;
    delete this.#verdict.dataset.digit;
  }
}
