/**
 * Checks for hyper-parameters. Each error names the optimizer, where the value came from (the
 * options, a parameter group, a loaded state dict), the option and the value, because a typo in a
 * learning rate otherwise shows up only as a diverging loss many steps later.
 */

/** Where a value being checked came from, e.g. `Adam: paramGroups[1]`. */
export interface OptionContext {
  readonly optimizer: string;
  readonly where: string;
}

function fail(context: OptionContext, name: string, value: unknown, expected: string): never {
  throw new Error(`${context.optimizer}: invalid ${name} ${formatValue(value)} in ${context.where}; expected ${expected}`);
}

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  return typeof value === 'string' ? `'${value}'` : String(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && !Number.isNaN(value);
}

/** A number >= 0 (lr, weight decay, momentum, eps). */
export function checkNonNegative(context: OptionContext, name: string, value: unknown): void {
  if (!isNumber(value) || value < 0) fail(context, name, value, 'a number >= 0');
}

/** A number in [low, high) (betas, dampening). */
export function checkInRange(context: OptionContext, name: string, value: unknown, low: number, high: number): void {
  if (!isNumber(value) || value < low || value >= high) fail(context, name, value, `a number in [${low}, ${high})`);
}

/** A number in [low, high] (RMSprop's alpha). */
export function checkInClosedRange(context: OptionContext, name: string, value: unknown, low: number, high: number): void {
  if (!isNumber(value) || value < low || value > high) fail(context, name, value, `a number in [${low}, ${high}]`);
}

export function checkBoolean(context: OptionContext, name: string, value: unknown): void {
  if (typeof value !== 'boolean') fail(context, name, value, 'true or false');
}

/** Adam's `betas`: two numbers, each in [0, 1). */
export function checkBetas(context: OptionContext, value: unknown): void {
  if (!Array.isArray(value) || value.length !== 2) fail(context, 'betas', value, 'two numbers [beta1, beta2]');
  checkInRange(context, 'betas[0]', value[0], 0, 1);
  checkInRange(context, 'betas[1]', value[1], 0, 1);
}

/** Scheduler options: a positive integer (step counts). */
export function checkPositiveInteger(owner: string, name: string, value: unknown): void {
  if (!Number.isInteger(value) || (value as number) <= 0) throw new Error(`${owner}: invalid ${name} ${formatValue(value)}; expected a positive integer`);
}

/** Scheduler options: a number in [low, high] or (low, high] when `openLow`. */
export function checkSchedulerRange(owner: string, name: string, value: unknown, low: number, high: number, openLow = false): void {
  const ok = isNumber(value) && (openLow ? value > low : value >= low) && value <= high;
  if (!ok) throw new Error(`${owner}: invalid ${name} ${formatValue(value)}; expected a number in ${openLow ? '(' : '['}${low}, ${high}]`);
}

/** Drops keys set to undefined, so `{ momentum: undefined }` means the default, not undefined. */
export function definedOnly<T extends object>(options: T | undefined): T {
  // `?? {}`: JavaScript callers may leave the options out even where the types require them.
  return Object.fromEntries(Object.entries(options ?? {}).filter(([, value]) => value !== undefined)) as T;
}
