import { greyFromRgba, preprocessDrawing } from '../preprocess.js';

/**
 * A canvas to draw a digit on with a mouse, a finger or a pen (pointer events cover all three).
 * After each stroke segment it hands the drawing, preprocessed the way MNIST digits were made, to
 * `onChange`; `null` means the pad is empty.
 */
export class DrawPad {
  readonly #canvas: HTMLCanvasElement;
  readonly #context: CanvasRenderingContext2D;
  readonly #onChange: (input: Float32Array | null) => void;
  #last: { x: number; y: number } | null = null;
  #pending = 0;

  constructor(canvas: HTMLCanvasElement, onChange: (input: Float32Array | null) => void) {
    this.#canvas = canvas;
    this.#context = canvas.getContext('2d', { willReadFrequently: true })!;
    this.#onChange = onChange;
    // A pen roughly as wide, relative to the digit, as the strokes in MNIST.
    this.#context.lineWidth = canvas.width / 14;
    this.#context.lineCap = 'round';
    this.#context.lineJoin = 'round';
    this.#context.strokeStyle = '#111';
    this.#context.fillStyle = '#111';
    canvas.addEventListener('pointerdown', (event) => this.#down(event));
    canvas.addEventListener('pointermove', (event) => this.#move(event));
    for (const type of ['pointerup', 'pointercancel'] as const) canvas.addEventListener(type, () => (this.#last = null));
  }

  clear(): void {
    this.#context.clearRect(0, 0, this.#canvas.width, this.#canvas.height);
    this.#last = null;
    this.#onChange(null);
  }

  /** The current drawing as a 28×28 MNIST-style input, or null when nothing is drawn. */
  input(): Float32Array | null {
    const { width, height } = this.#canvas;
    return preprocessDrawing(greyFromRgba(this.#context.getImageData(0, 0, width, height).data, width, height, 'alpha'));
  }

  #point(event: PointerEvent): { x: number; y: number } {
    // The canvas keeps its 280×280 pixels at any CSS size (phones): map page pixels to canvas pixels.
    const box = this.#canvas.getBoundingClientRect();
    return { x: ((event.clientX - box.left) * this.#canvas.width) / box.width, y: ((event.clientY - box.top) * this.#canvas.height) / box.height };
  }

  #down(event: PointerEvent): void {
    event.preventDefault();
    this.#canvas.setPointerCapture(event.pointerId);
    const point = this.#point(event);
    this.#context.beginPath();
    this.#context.arc(point.x, point.y, this.#context.lineWidth / 2, 0, Math.PI * 2);
    this.#context.fill();
    this.#last = point;
    this.#changed();
  }

  #move(event: PointerEvent): void {
    if (!this.#last) return;
    // Coalesced events keep fast strokes smooth where the browser batches pointer moves.
    const events = event.getCoalescedEvents?.() ?? [];
    for (const each of events.length > 0 ? events : [event]) {
      const point = this.#point(each);
      this.#context.beginPath();
      this.#context.moveTo(this.#last.x, this.#last.y);
      this.#context.lineTo(point.x, point.y);
      this.#context.stroke();
      this.#last = point;
    }
    this.#changed();
  }

  /** At most one preprocessing per frame, however many pointer events arrive. */
  #changed(): void {
    if (this.#pending) return;
    this.#pending = requestAnimationFrame(() => {
      this.#pending = 0;
      this.#onChange(this.input());
    });
  }
}
