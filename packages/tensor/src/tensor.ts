import type { Backend, DType, KernelInput, TypedArray } from '@neurite/backend';
import { allocateTypedArray, matchesDType } from '@neurite/backend';
import { backward as runBackward, LeafNode, OpNode, type BackwardOptions, type GradNode, type MemoryHooks } from '@neurite/autograd';
import type { HandleRecord } from './runtime/handle-record.js';
import { memoryTracker } from './runtime/memory-tracker.js';
import { tensorBrand } from './runtime/foreign-tensor.js';
import { keep, tidy } from './runtime/memory.js';
import { adoptBuffer, detachedInit, shareStorage, type HandleInit } from './runtime/handles.js';
import { nest, type NestedNumbers } from './runtime/nest.js';
import { formatShape, sizeOfShape } from './shape-utils.js';
import * as unaryOps from './ops/unary.js';
import * as binaryOps from './ops/binary.js';
import * as activations from './ops/activations.js';
import * as reduceOps from './ops/reduce.js';
import * as shapeOps from './ops/shape.js';
import * as indexOps from './ops/indexing.js';
import * as softmaxOps from './ops/softmax.js';
import * as transfer from './ops/transfer.js';
import { cast } from './ops/cast.js';
import { where } from './ops/where.js';
import { matmul, type MatmulOptions } from './ops/matmul.js';
import type { TensorLike } from './ops/scalars.js';
import type { Axis, VarianceOptions } from './ops/reduce.js';
import type { IndexOptions } from './ops/indexing.js';

export type { NestedNumbers } from './runtime/nest.js';

let readRecord: (tensor: Tensor) => HandleRecord;

/** @internal The record behind a handle (for the memory module). */
export function recordOf(tensor: Tensor): HandleRecord {
  return readRecord(tensor);
}

/** How autograd's engine manages memory: leaf gradients belong to their leaf, not to a tidy scope. */
const memoryHooks: MemoryHooks = { tidy, keep: (tensor) => void keep(tensor as Tensor) };

/**
 * An n-dimensional array on a backend. Immutable: every op returns a new tensor. Reading values is
 * asynchronous (`await t.data()`); `dataSync()` works only where the backend can read at once.
 */
export class Tensor {
  /** Lets another copy of this package recognise this one's tensors (see runtime/foreign-tensor.ts). */
  static readonly [tensorBrand] = true;
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly size: number;
  readonly #record: HandleRecord;

  static {
    // The library's own modules reach a handle's record through this, users cannot.
    readRecord = (tensor) => tensor.#record;
  }

  /**
   * A new handle on the values of `source`, cut from the graph (for subclasses such as
   * `nn.Parameter`). To make tensors use `tensor()`, `zeros()` and the ops.
   */
  constructor(source: Tensor | HandleInit) {
    const init = source instanceof Tensor ? detachedInit(source) : source;
    const { record, shape, dtype } = init;
    // Shapes are shared between handles, so they must never change: frozen once, reused after.
    this.shape = Object.isFrozen(shape) ? shape : Object.freeze([...shape]);
    this.dtype = dtype;
    this.size = sizeOfShape(shape);
    this.#record = record;
    record.storage.retain();
    record.gradNode?.retain();
    memoryTracker.register(this, record);
  }

  get rank(): number {
    return this.shape.length;
  }

  get backend(): Backend {
    return recordOf(this).storage.backend;
  }

  get isDisposed(): boolean {
    return recordOf(this).disposed;
  }

  /** @internal Throws the error users see when they touch a disposed tensor. */
  assertUsable(op: string): void {
    if (recordOf(this).disposed) {
      throw new Error(`${op}: the tensor of shape ${formatShape(this.shape)} (${this.dtype}) was disposed (by dispose() or by the tidy() that made it)`);
    }
  }

  /** @internal */
  kernelInput(): KernelInput {
    return { dataId: recordOf(this).storage.dataId, shape: this.shape, dtype: this.dtype };
  }

  // ---- autograd ----------------------------------------------------------------------------

  /** The graph node that made this tensor, or its gradient slot if it is a leaf that requires grad. */
  get gradNode(): GradNode | null {
    return recordOf(this).gradNode;
  }

  /** @internal Attaches the node that produced this freshly made tensor. */
  attachGradNode(node: GradNode): void {
    const record = recordOf(this);
    if (record.gradNode) throw new Error('attachGradNode: the tensor already has a graph node (internal error)');
    record.gradNode = node;
    node.retain();
  }

  get requiresGrad(): boolean {
    return recordOf(this).gradNode !== null;
  }

  set requiresGrad(value: boolean) {
    this.assertUsable('requiresGrad');
    const record = recordOf(this);
    if (value === this.requiresGrad) return;
    if (record.gradNode instanceof OpNode) {
      throw new Error('requiresGrad: only leaf tensors can change requiresGrad; this one was computed from tensors that require grad (use detach())');
    }
    if (value) {
      if (this.dtype !== 'float32') throw new Error(`requiresGrad: only float32 tensors can require grad, this one is '${this.dtype}'`);
      this.attachGradNode(new LeafNode());
    } else {
      const node = record.gradNode!;
      record.gradNode = null;
      node.release();
    }
  }

  /** True unless the tensor was computed from tensors that require grad. */
  get isLeaf(): boolean {
    return !(recordOf(this).gradNode instanceof OpNode);
  }

  /** The accumulated gradient of a leaf that requires grad, or null. */
  get grad(): Tensor | null {
    const node = recordOf(this).gradNode;
    return node instanceof LeafNode ? (node.grad as Tensor | null) : null;
  }

  set grad(value: Tensor | null) {
    const node = recordOf(this).gradNode;
    if (!(node instanceof LeafNode)) throw new Error('grad: only a leaf tensor with requiresGrad = true has a gradient to set');
    if (value !== null && (value.dtype !== 'float32' || value.shape.join() !== this.shape.join())) {
      throw new Error(`grad: expected a float32 tensor of shape ${formatShape(this.shape)}, got ${formatShape(value.shape)} (${value.dtype})`);
    }
    node.setGrad(value, memoryHooks);
  }

  /**
   * Backpropagates from this tensor, accumulating into `.grad` of the leaves that require grad. A
   * non-scalar needs `gradient`, the gradient of the loss with respect to it (as PyTorch).
   */
  backward(gradient?: Tensor, options: BackwardOptions = {}): void {
    this.assertUsable('backward');
    if (gradient === undefined && this.size !== 1) {
      throw new Error(`backward: the tensor has shape ${formatShape(this.shape)}; a gradient can be implied only for a scalar. Pass backward(gradient) with a tensor of that shape`);
    }
    if (gradient !== undefined && (gradient.shape.join() !== this.shape.join() || gradient.dtype !== 'float32')) {
      throw new Error(`backward: the gradient has shape ${formatShape(gradient.shape)} (${gradient.dtype}), expected ${formatShape(this.shape)} (float32)`);
    }
    const seed = gradient ?? this.newFull(this.shape, 1, 'float32');
    try {
      runBackward(this, seed, memoryHooks, options);
    } finally {
      if (gradient === undefined) seed.dispose();
    }
  }

  /**
   * Replaces this tensor's values with `value`'s (same shape and dtype), outside autograd: how
   * optimizers update parameters and how weights are loaded. A leaf keeps its gradient slot.
   * Tensors made from this one earlier (and graphs that saved it) keep the old values.
   */
  assign(value: Tensor): this {
    this.assertUsable('assign');
    value.assertUsable('assign');
    if (value.dtype !== this.dtype || value.shape.join() !== this.shape.join()) {
      throw new Error(`assign: expected a ${this.dtype} tensor of shape ${formatShape(this.shape)}, got ${value.dtype} ${formatShape(value.shape)}`);
    }
    if (value.backend !== this.backend) throw new Error(`assign: the value lives on backend '${value.backend.name}', this tensor on '${this.backend.name}'`);
    const record = recordOf(this);
    const incoming = recordOf(value).storage;
    if (incoming === record.storage) return this;
    incoming.retain();
    if (record.storage.release()) memoryTracker.bufferReleased(record.storage.bytes);
    record.storage = incoming;
    return this;
  }

  /** A handle to the same values, cut from the graph. */
  detach(): Tensor {
    this.assertUsable('detach');
    return shareStorage(this, this.shape, null, true);
  }

  // ---- reading and memory ------------------------------------------------------------------

  /** A copy of the values, once every op that computes them has run. */
  async data(): Promise<TypedArray> {
    this.assertUsable('data');
    const { storage } = recordOf(this);
    return storage.backend.read(storage.dataId, this.dtype, this.size);
  }

  /** A copy of the values, at once. Only backends that can read synchronously (CPU) allow it. */
  dataSync(): TypedArray {
    this.assertUsable('dataSync');
    const { storage } = recordOf(this);
    if (!storage.backend.capabilities.synchronousRead) {
      throw new Error(`dataSync: the '${storage.backend.name}' backend reads asynchronously; use await tensor.data()`);
    }
    return storage.backend.readSync(storage.dataId, this.dtype, this.size);
  }

  /** This tensor on the (initialised) backend `name`; gradients flow back, as PyTorch's `.to()`. CPU sources only. */
  to(backend: string): Tensor { return transfer.to(this, backend); }
  /** This tensor on the backend `name`, from any backend, once its values are read. */
  toAsync(backend: string): Promise<Tensor> { return transfer.toAsync(this, backend); }

  /** The values as nested arrays (booleans as 0/1). */
  async array(): Promise<NestedNumbers> {
    return nest(await this.data(), this.shape);
  }

  arraySync(): NestedNumbers {
    return nest(this.dataSync(), this.shape);
  }

  /** The value of a one-element tensor. */
  async item(): Promise<number> {
    if (this.size !== 1) throw new Error(`item: the tensor has ${this.size} elements (shape ${formatShape(this.shape)}); item() needs exactly one`);
    return (await this.data())[0];
  }

  /** Frees the tensor now. Disposing twice is harmless; using it afterwards is an error. */
  dispose(): void {
    const record = recordOf(this);
    if (!record.disposed) memoryTracker.release(record);
  }

  /** A tensor on the same backend with these values (PyTorch's new_tensor). */
  newTensor(values: TypedArray | readonly number[], shape: readonly number[], dtype: DType = this.dtype): Tensor {
    const typed = ArrayBuffer.isView(values) && matchesDType(values, dtype) ? values : allocateTypedArray(dtype, values.length);
    if (typed !== values) for (let i = 0; i < values.length; i++) typed[i] = Number(values[i]);
    if (typed.length !== sizeOfShape(shape)) throw new Error(`newTensor: ${typed.length} values do not fill shape ${formatShape(shape)}`);
    return adoptBuffer(this.backend, this.backend.upload(typed, dtype), shape, dtype);
  }

  /** A tensor on the same backend filled with `value`. */
  newFull(shape: readonly number[], value: number, dtype: DType = this.dtype): Tensor {
    return adoptBuffer(this.backend, this.backend.fill(sizeOfShape(shape), value, dtype), shape, dtype);
  }

  zerosLike(): Tensor { return this.newFull(this.shape, 0); }
  onesLike(): Tensor { return this.newFull(this.shape, 1); }
  /** A new handle with the same values; tensors are immutable, so it shares the buffer. Records in the graph. */
  clone(): Tensor { this.assertUsable('clone'); return shareStorage(this, this.shape, this.gradNode, true); }
  /** Tensors are always dense and row-major: a new handle. */
  contiguous(): Tensor { return this.clone(); }

  toString(): string {
    return `Tensor(shape=${formatShape(this.shape)}, dtype=${this.dtype}${this.requiresGrad ? ', requiresGrad' : ''}${this.isDisposed ? ', disposed' : ''})`;
  }

  // ---- elementwise -------------------------------------------------------------------------
  add(other: TensorLike): Tensor { return binaryOps.add(this, other); }
  sub(other: TensorLike): Tensor { return binaryOps.sub(this, other); }
  mul(other: TensorLike): Tensor { return binaryOps.mul(this, other); }
  div(other: TensorLike): Tensor { return binaryOps.div(this, other); }
  pow(exponent: TensorLike): Tensor { return binaryOps.pow(this, exponent); }
  maximum(other: TensorLike): Tensor { return binaryOps.maximum(this, other); }
  minimum(other: TensorLike): Tensor { return binaryOps.minimum(this, other); }
  eq(other: TensorLike): Tensor { return binaryOps.eq(this, other); }
  ne(other: TensorLike): Tensor { return binaryOps.ne(this, other); }
  lt(other: TensorLike): Tensor { return binaryOps.lt(this, other); }
  le(other: TensorLike): Tensor { return binaryOps.le(this, other); }
  gt(other: TensorLike): Tensor { return binaryOps.gt(this, other); }
  ge(other: TensorLike): Tensor { return binaryOps.ge(this, other); }
  logicalAnd(other: TensorLike): Tensor { return binaryOps.logicalAnd(this, other); }
  logicalOr(other: TensorLike): Tensor { return binaryOps.logicalOr(this, other); }
  logicalNot(): Tensor { return unaryOps.logicalNot(this); }
  neg(): Tensor { return unaryOps.neg(this); }
  abs(): Tensor { return unaryOps.abs(this); }
  sign(): Tensor { return unaryOps.sign(this); }
  exp(): Tensor { return unaryOps.exp(this); }
  log(): Tensor { return unaryOps.log(this); }
  log1p(): Tensor { return unaryOps.log1p(this); }
  sqrt(): Tensor { return unaryOps.sqrt(this); }
  rsqrt(): Tensor { return unaryOps.rsqrt(this); }
  reciprocal(): Tensor { return unaryOps.reciprocal(this); }
  square(): Tensor { return activations.square(this); }
  sin(): Tensor { return unaryOps.sin(this); }
  cos(): Tensor { return unaryOps.cos(this); }
  tanh(): Tensor { return unaryOps.tanh(this); }
  sigmoid(): Tensor { return unaryOps.sigmoid(this); }
  relu(): Tensor { return unaryOps.relu(this); }
  erf(): Tensor { return unaryOps.erf(this); }
  floor(): Tensor { return unaryOps.floor(this); }
  ceil(): Tensor { return unaryOps.ceil(this); }
  round(): Tensor { return unaryOps.round(this); }
  leakyRelu(negativeSlope?: number): Tensor { return activations.leakyRelu(this, negativeSlope); }
  gelu(approximate?: 'none' | 'tanh'): Tensor { return activations.gelu(this, approximate); }
  silu(): Tensor { return activations.silu(this); }
  clamp(min?: TensorLike | null, max?: TensorLike | null): Tensor { return activations.clamp(this, min, max); }
  /** `where(condition, this, other)` (PyTorch's Tensor.where). */
  where(condition: Tensor, other: TensorLike): Tensor { return where(condition, this, other); }
  cast(dtype: DType): Tensor { return cast(this, dtype); }
  float(): Tensor { return cast(this, 'float32'); }
  int(): Tensor { return cast(this, 'int32'); }
  bool(): Tensor { return cast(this, 'bool'); }

  // ---- reductions --------------------------------------------------------------------------
  sum(axis?: Axis, keepDims = false): Tensor { return reduceOps.sum(this, axis, keepDims); }
  mean(axis?: Axis, keepDims = false): Tensor { return reduceOps.mean(this, axis, keepDims); }
  prod(axis?: Axis, keepDims = false): Tensor { return reduceOps.prod(this, axis, keepDims); }
  max(axis?: Axis, keepDims = false): Tensor { return reduceOps.max(this, axis, keepDims); }
  min(axis?: Axis, keepDims = false): Tensor { return reduceOps.min(this, axis, keepDims); }
  var(axis?: Axis, keepDims = false, options?: VarianceOptions): Tensor { return reduceOps.variance(this, axis, keepDims, options); }
  std(axis?: Axis, keepDims = false, options?: VarianceOptions): Tensor { return reduceOps.std(this, axis, keepDims, options); }
  logSumExp(axis?: Axis, keepDims = false): Tensor { return reduceOps.logSumExp(this, axis, keepDims); }
  argmax(axis?: number, keepDims = false): Tensor { return reduceOps.argmax(this, axis, keepDims); }
  argmin(axis?: number, keepDims = false): Tensor { return reduceOps.argmin(this, axis, keepDims); }
  softmax(axis = -1): Tensor { return softmaxOps.softmax(this, axis); }
  logSoftmax(axis = -1): Tensor { return softmaxOps.logSoftmax(this, axis); }
  matmul(other: Tensor, options?: MatmulOptions): Tensor { return matmul(this, other, options); }

  // ---- shape and indexing ------------------------------------------------------------------
  reshape(shape: readonly number[]): Tensor { return shapeOps.reshape(this, shape); }
  view(shape: readonly number[]): Tensor { return shapeOps.reshape(this, shape); }
  flatten(startDim = 0, endDim = -1): Tensor { return shapeOps.flatten(this, startDim, endDim); }
  permute(perm: readonly number[]): Tensor { return shapeOps.permute(this, perm); }
  transpose(dim0 = -2, dim1 = -1): Tensor { return shapeOps.transpose(this, dim0, dim1); }
  squeeze(axis?: number | readonly number[]): Tensor { return shapeOps.squeeze(this, axis); }
  unsqueeze(axis: number): Tensor { return shapeOps.unsqueeze(this, axis); }
  expand(shape: readonly number[]): Tensor { return shapeOps.expand(this, shape); }
  broadcastTo(shape: readonly number[]): Tensor { return shapeOps.broadcastTo(this, shape); }
  sumToSize(shape: readonly number[]): Tensor { return shapeOps.sumToSize(this, shape); }
  slice(begin: readonly number[], size?: readonly number[]): Tensor { return shapeOps.slice(this, begin, size); }
  narrow(dim: number, start: number, length: number): Tensor { return shapeOps.narrow(this, dim, start, length); }
  split(sizeOrSections: number | readonly number[], axis = 0): Tensor[] { return shapeOps.split(this, sizeOrSections, axis); }
  chunk(chunks: number, axis = 0): Tensor[] { return shapeOps.chunk(this, chunks, axis); }
  pad(paddings: readonly number[], value = 0): Tensor { return shapeOps.pad(this, paddings, value); }
  padAxes(paddings: readonly (readonly [number, number])[], value = 0): Tensor { return shapeOps.padAxes(this, paddings, value); }
  /** This tensor followed by `others` along `axis` (the method form of `concat`). */
  concat(others: readonly Tensor[], axis = 0): Tensor { return shapeOps.concat([this, ...others], axis); }
  flip(axes: number | readonly number[]): Tensor { return shapeOps.flip(this, axes); }
  tile(reps: readonly number[]): Tensor { return shapeOps.tile(this, reps); }
  gather(axis: number, index: Tensor, options?: IndexOptions): Tensor { return indexOps.gather(this, axis, index, options); }
  scatterAdd(axis: number, index: Tensor, source: Tensor, options?: IndexOptions): Tensor { return indexOps.scatterAdd(this, axis, index, source, options); }
  indexSelect(axis: number, index: Tensor, options?: IndexOptions): Tensor { return indexOps.indexSelect(this, axis, index, options); }
  oneHot(numClasses: number): Tensor { return indexOps.oneHot(this, numClasses); }
}
