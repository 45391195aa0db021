import { describe, expect, it } from 'vitest';
import { formatDuration, formatPercent } from './format.js';

describe('formatPercent', () => {
  it('prints two decimals, as the CLI does', () => {
    expect(formatPercent(0.9745)).toBe('97.45%');
    expect(formatPercent(0.9)).toBe('90.00%');
    expect(formatPercent(1)).toBe('100.00%');
  });
  it('prints a dash for a value that is not a number', () => {
    expect(formatPercent(Number.NaN)).toBe('–');
  });
});

describe('formatDuration', () => {
  it('uses seconds, then minutes, then hours', () => {
    expect(formatDuration(0.4)).toBe('0 s');
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
  });
  it('prints a dash for an unknown or negative duration', () => {
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('–');
    expect(formatDuration(-1)).toBe('–');
  });
});
