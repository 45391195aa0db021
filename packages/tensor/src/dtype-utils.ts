import type { DType } from '@neurite/backend';

const RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2 };

/** The dtype both operands of a binary op are computed in (bool < int32 < float32, as PyTorch). */
export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The dtype a JavaScript number takes when it meets a tensor of dtype `other`. */
export function scalarDType(value: number | boolean, other: DType): DType {
  if (typeof value === 'boolean') return other;
  if (other === 'float32') return 'float32';
  return Number.isInteger(value) ? (other === 'bool' ? 'int32' : other) : 'float32';
}

export function isFloating(dtype: DType): boolean {
  return dtype === 'float32';
}
