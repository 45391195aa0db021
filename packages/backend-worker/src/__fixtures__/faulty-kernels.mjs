// Worker-form kernels that misbehave, for the worker backend's fault tests. Plain JavaScript: a
// worker thread imports this file as it is.

/** Ends the worker thread it runs on, as a crashing native addon or an out-of-memory kill would. */
export function exitThread() {
  process.exit(7);
}

/** A kernel with a bug: throws an ordinary error. */
export function throwing() {
  throw new TypeError('faulty kernel: cannot read the input');
}

/** A correct kernel: doubles its input. */
export function double([input], _attributes, output) {
  for (let i = 0; i < output.values.length; i++) output.values[i] = 2 * input.values[i];
}
