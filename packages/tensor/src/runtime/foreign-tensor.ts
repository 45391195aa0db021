/**
 * A registered symbol that every copy of the Tensor class carries as a static property. A program
 * can load this package twice, as its ESM build and as its CommonJS build (the dual-package
 * hazard): then there are two Tensor classes, `instanceof` fails across them, and the brand lets
 * an op say what happened instead of "got object".
 */
export const tensorBrand = Symbol.for('@neurite/tensor Tensor');

/** Names a value that is not a Tensor of this copy of the package, for an error message. */
export function describeNonTensor(value: unknown): string {
  if (value === null) return 'null';
  const constructor = typeof value === 'object' ? (value.constructor as { [tensorBrand]?: unknown } | undefined) : undefined;
  if (constructor?.[tensorBrand] === true) {
    return (
      'a Tensor from another copy of @neurite/tensor. The package is loaded twice in this program (e.g. its ESM build ' +
      'through import and its CommonJS build through require), and the tensors of one copy cannot go into the ops of ' +
      'the other; load it one way. (The two copies do share one backend registry.)'
    );
  }
  return typeof value;
}
