// The embedded digit files, typed here rather than read by the compiler: with resolveJsonModule
// off (see tsconfig.json), TypeScript does not parse 21 MB of JSON to infer this shape.
declare module 'mnist/src/digits/*.json' {
  const digits: { data: number[] };
  export default digits;
}
