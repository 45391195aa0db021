/**
 * Whether ops record a graph. Module state, like PyTorch's thread-local grad mode: JavaScript runs
 * one thread per realm, so one flag per realm is the same thing.
 */
let gradEnabled = true;

export function isGradEnabled(): boolean {
  return gradEnabled;
}

function withGradMode<R>(enabled: boolean, caller: string, fn: () => R): R {
  const previous = gradEnabled;
  gradEnabled = enabled;
  try {
    const result = fn();
    if (result instanceof Promise) {
      throw new Error(
        `${caller}: the function returned a Promise. Grad mode covers synchronous code only; call ${caller} inside the async function, around the synchronous part`,
      );
    }
    return result;
  } finally {
    gradEnabled = previous;
  }
}

/** Runs `fn` without recording a graph (like `torch.no_grad()`). */
export function noGrad<R>(fn: () => R): R {
  return withGradMode(false, 'noGrad', fn);
}

/** Runs `fn` recording a graph even inside `noGrad` (like `torch.enable_grad()`). */
export function enableGrad<R>(fn: () => R): R {
  return withGradMode(true, 'enableGrad', fn);
}

/** Sets grad mode for what follows; prefer `noGrad(fn)`, which restores it. */
export function setGradEnabled(enabled: boolean): void {
  gradEnabled = enabled;
}
