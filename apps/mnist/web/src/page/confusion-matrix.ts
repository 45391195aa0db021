/**
 * The confusion matrix as a table: rows are the true digit, columns the predicted one. The 10×10
 * cells exist from page load (empty), so filling them in moves nothing.
 */
export class ConfusionMatrix {
  readonly #cells: HTMLTableCellElement[][] = [];

  constructor(table: HTMLTableElement) {
    const caption = table.createCaption();
    caption.textContent = 'Test digits by true label (rows) and predicted label (columns)';
    const head = table.createTHead().insertRow();
    head.appendChild(headerCell('true ↓ predicted →', 'col'));
    for (let digit = 0; digit < 10; digit++) head.appendChild(headerCell(String(digit), 'col'));
    const body = table.createTBody();
    for (let actual = 0; actual < 10; actual++) {
      const row = body.insertRow();
      row.appendChild(headerCell(String(actual), 'row'));
      this.#cells.push(Array.from({ length: 10 }, () => row.insertCell()));
    }
  }

  show(confusion: readonly (readonly number[])[]): void {
    confusion.forEach((row, actual) => {
      const total = row.reduce((sum, n) => sum + n, 0) || 1;
      row.forEach((count, predicted) => {
        const cell = this.#cells[actual][predicted];
        cell.textContent = String(count);
        // Shade by the share of the row: the diagonal is the right answers, anything else an error.
        const share = count / total;
        const hue = actual === predicted ? '142 70% 35%' : '0 75% 50%';
        cell.style.backgroundColor = count === 0 ? '' : `hsl(${hue} / ${Math.max(0.08, share).toFixed(2)})`;
        cell.classList.toggle('strong', share > 0.5);
      });
    });
  }
}

function headerCell(text: string, scope: 'row' | 'col'): HTMLTableCellElement {
  const cell = document.createElement('th');
  cell.scope = scope;
  cell.textContent = text;
  return cell;
}
