import type { GradTensor, MemoryHooks } from './grad-tensor.js';
import type { RuleFor } from './rules/rule.js';

/**
 * A node of the graph. Its lifetime is counted: every tensor handle whose `gradNode` it is, and
 * every node that names it as a parent, holds one reference. When the count reaches zero the node
 * frees what it saved and lets go of its parents, so a graph nobody can reach any more is freed at
 * once (for instance when `tidy` disposes a forward pass whose loss was never backpropagated).
 */
export abstract class GradNode {
  #references = 0;

  retain(): void {
    this.#references++;
  }

  release(): void {
    releaseIteratively(this);
  }

  /** @internal Decrements the count; returns whether it reached zero. */
  dropReference(): boolean {
    if (this.#references <= 0) throw new Error('autograd: a graph node was released more often than it was retained');
    return --this.#references === 0;
  }

  /** @internal Frees this node's own resources; returns the parents to release in turn. */
  abstract free(): readonly GradNode[];
}

/** Releasing walks a worklist, not the call stack: graphs of a million nodes must not overflow it. */
function releaseIteratively(start: GradNode): void {
  const pending: GradNode[] = [start];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.dropReference()) pending.push(...node.free());
  }
}

/** The tensors a node keeps for its gradient rule: detached handles that own their buffers. */
export interface SavedTensors {
  readonly inputs: readonly GradTensor[];
  readonly output: GradTensor;
}

/**
 * The record of one op applied to inputs of which at least one requires grad: a primitive (its
 * rule comes from the gradient table) or a plugin's op (which brings its own rule).
 */
export class OpNode<Attributes = unknown> extends GradNode {
  #saved: SavedTensors | null;

  constructor(
    /** The primitive's or the plugin op's name, for error messages. */
    readonly name: string,
    readonly rule: RuleFor<Attributes>,
    readonly attributes: Attributes,
    /** For each input, the node its gradient flows to (null where it needs none). */
    readonly parents: readonly (GradNode | null)[],
    saved: SavedTensors,
  ) {
    super();
    this.#saved = saved;
    for (const parent of parents) parent?.retain();
  }

  /** What the rule needs; throws once the saved tensors were freed by an earlier backward pass. */
  get saved(): SavedTensors {
    if (!this.#saved) {
      throw new Error(
        `backward: the graph through '${this.name}' was already freed by an earlier backward(). ` +
          'Pass { retainGraph: true } to the first backward() to backpropagate through it twice',
      );
    }
    return this.#saved;
  }

  /** Frees the saved tensors but keeps the node's place in the graph. */
  freeSaved(): void {
    if (!this.#saved) return;
    for (const tensor of this.#saved.inputs) tensor.dispose();
    this.#saved.output.dispose();
    this.#saved = null;
  }

  free(): readonly GradNode[] {
    this.freeSaved();
    return this.parents.filter((parent): parent is GradNode => parent !== null);
  }
}

/** The gradient slot of a leaf tensor that requires grad (PyTorch's AccumulateGrad). */
export class LeafNode extends GradNode {
  #grad: GradTensor | null = null;

  get grad(): GradTensor | null {
    return this.#grad;
  }

  /** Replaces the gradient (`t.grad = ...`), disposing the one held before. */
  setGrad(grad: GradTensor | null, hooks: MemoryHooks): void {
    if (grad === this.#grad) return;
    this.#grad?.dispose();
    if (grad !== null) hooks.keep(grad);
    this.#grad = grad;
  }

  /** Adds `gradient` into the slot (gradients accumulate across backward calls until zeroed). */
  accumulate(gradient: GradTensor, hooks: MemoryHooks): void {
    if (this.#grad === null) {
      this.#grad = gradient.detach();
      hooks.keep(this.#grad);
      return;
    }
    const sum = this.#grad.add(gradient);
    this.#grad.dispose();
    hooks.keep(sum);
    this.#grad = sum;
  }

  free(): readonly GradNode[] {
    this.#grad?.dispose();
    this.#grad = null;
    return [];
  }
}
