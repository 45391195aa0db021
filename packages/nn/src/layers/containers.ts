import type { Tensor } from '@neurite/tensor';
import { Module, type AnyModule } from '../module.js';
import type { ConfigurableLayer, LayerConfig } from '../serialization/layer-config.js';

/** A module that maps one tensor to one tensor: what a Sequential can chain. */
export type TensorModule = Module<[Tensor], Tensor>;

/** Runs its layers one after another; children are named '0', '1', … as in PyTorch. */
export class Sequential extends Module implements ConfigurableLayer {
  static readonly layerType = 'Sequential';
  readonly #layers: TensorModule[];

  constructor(...layers: TensorModule[]) {
    super();
    layers.forEach((layer, index) => {
      if (!(layer instanceof Module)) throw new Error(`Sequential: argument ${index} is not a Module`);
      this.registerModule(String(index), layer);
    });
    this.#layers = layers;
  }

  get length(): number {
    return this.#layers.length;
  }

  at(index: number): TensorModule {
    const layer = this.#layers.at(index);
    if (!layer) throw new Error(`Sequential.at: index ${index} is out of range for ${this.#layers.length} layers`);
    return layer;
  }

  forward(input: Tensor): Tensor {
    let output = input;
    for (const layer of this.#layers) {
      const next = layer.forward(output);
      // Intermediate activations belong to the graph (if any), not to the caller.
      if (output !== input) output.dispose();
      output = next;
    }
    return output === input ? input.clone() : output;
  }

  getConfig(): LayerConfig {
    return {};
  }

  static fromConfig(_config: LayerConfig, children: readonly AnyModule[]): Sequential {
    return new Sequential(...(children as unknown as TensorModule[]));
  }
}

/** Holds submodules in a list (named '0', '1', …) for a parent module's own forward. */
export class ModuleList<M extends AnyModule = AnyModule> extends Module<never[], never> implements ConfigurableLayer {
  static readonly layerType = 'ModuleList';
  readonly #items: M[] = [];

  constructor(modules: readonly M[] = []) {
    super();
    for (const module of modules) this.append(module);
  }

  append(module: M): this {
    this.registerModule(String(this.#items.length), module);
    this.#items.push(module);
    return this;
  }

  get length(): number {
    return this.#items.length;
  }

  at(index: number): M {
    const item = this.#items.at(index);
    if (!item) throw new Error(`ModuleList.at: index ${index} is out of range for ${this.#items.length} modules`);
    return item;
  }

  [Symbol.iterator](): Iterator<M> {
    return this.#items[Symbol.iterator]();
  }

  forward(): never {
    throw new Error('ModuleList has no forward: iterate over it in the parent module');
  }

  getConfig(): LayerConfig {
    return {};
  }

  static fromConfig(_config: LayerConfig, children: readonly AnyModule[]): ModuleList {
    return new ModuleList(children);
  }
}
