import type { AnyModule } from '../module.js';
import type { LayerClass } from './layer-config.js';

/**
 * A plugin, as `loadModel` receives it: its package name and the layers it provides. Plugins do
 * not register themselves anywhere (no import has a side effect); you pass the ones a model uses.
 */
export interface NeuritePlugin {
  readonly name: string;
  readonly layers: readonly LayerClass[];
}

/** Layer classes by their saved type name. A value, built per call: there is no global registry. */
export class LayerRegistry {
  readonly #classes = new Map<string, LayerClass>();

  constructor(layers: readonly LayerClass[] = []) {
    for (const layer of layers) this.register(layer);
  }

  register(layer: LayerClass): this {
    const existing = this.#classes.get(layer.layerType);
    if (existing && existing !== layer) {
      throw new Error(`LayerRegistry: two different classes claim the layer type '${layer.layerType}' (${existing.plugin ?? 'core'} and ${layer.plugin ?? 'core'})`);
    }
    this.#classes.set(layer.layerType, layer);
    return this;
  }

  has(type: string): boolean {
    return this.#classes.has(type);
  }

  /** The class for `type`; the error names the plugin that provides it when the file says which. */
  get(type: string, plugin?: string): LayerClass {
    const layer = this.#classes.get(type);
    if (layer) return layer;
    const hint = plugin
      ? `It comes from the plugin '${plugin}': install it and pass it to loadModel, e.g. loadModel(bytes, { plugins: [plugin] }) with the plugin object that '${plugin}' exports.`
      : 'If it comes from a plugin, pass that plugin to loadModel({ plugins }).';
    throw new Error(`loadModel: unknown layer type '${type}'. ${hint} Known layer types: ${[...this.#classes.keys()].sort().join(', ')}`);
  }

  build(type: string, plugin: string | undefined, config: Parameters<LayerClass['fromConfig']>[0], children: readonly AnyModule[]): AnyModule {
    return this.get(type, plugin).fromConfig(config, children);
  }
}
