import type { AnyModule } from '../module.js';
import { isConfigurable, type LayerClass, type SavedLayer } from './layer-config.js';
import { LayerRegistry, type NeuritePlugin } from './layer-registry.js';
import { readSafetensors, saveSafetensors } from './safetensors.js';
import { coreLayers } from '../layers/core-layers.js';

const FORMAT = 'neurite-model/1';

/** Describes the module tree: each layer's type, configuration and children. */
function describe(module: AnyModule, path: string): SavedLayer {
  const layerClass = module.constructor as Partial<LayerClass>;
  if (!isConfigurable(module) || typeof layerClass.layerType !== 'string') {
    throw new Error(
      `saveModel: ${path || 'the model'} (${module.constructor.name}) cannot describe itself: a saveable layer has a static layerType, getConfig() and a static fromConfig(). ` +
        'To save only the weights, use saveSafetensors(model.stateDict()).',
    );
  }
  const children = module.namedChildren().map(([name, child]) => describe(child, path ? `${path}.${name}` : name));
  return {
    type: layerClass.layerType,
    ...(layerClass.plugin ? { plugin: layerClass.plugin } : {}),
    config: module.getConfig(),
    ...(children.length > 0 ? { children } : {}),
  };
}

/** Saves architecture and weights in one safetensors file (the architecture is JSON in its metadata). */
export async function saveModel(model: AnyModule, metadata: Readonly<Record<string, string>> = {}): Promise<Uint8Array> {
  const architecture = describe(model, '');
  return saveSafetensors(model.stateDict(), { ...metadata, format: FORMAT, architecture: JSON.stringify(architecture) });
}

export interface LoadModelOptions {
  /** Plugins whose layers the model uses (core layers are always known). */
  readonly plugins?: readonly NeuritePlugin[];
  /** Extra layer classes, e.g. your own. */
  readonly layers?: readonly LayerClass[];
}

/** Rebuilds a model saved by `saveModel`, including layers from the plugins given, and loads its weights strictly. */
export function loadModel(bytes: Uint8Array, options: LoadModelOptions = {}): AnyModule {
  const { tensors, metadata } = readSafetensors(bytes);
  try {
    if (metadata.format !== FORMAT || !metadata.architecture) {
      throw new Error(`loadModel: this safetensors file holds no Neurite model (format '${metadata.format ?? 'none'}'); for bare weights use loadSafetensors and loadStateDict`);
    }
    const registry = new LayerRegistry([...coreLayers, ...(options.plugins ?? []).flatMap((p) => p.layers), ...(options.layers ?? [])]);
    const build = (saved: SavedLayer): AnyModule =>
      registry.build(saved.type, saved.plugin, saved.config, (saved.children ?? []).map(build));
    const model = build(JSON.parse(metadata.architecture) as SavedLayer);
    model.loadStateDict(tensors, { strict: true });
    return model;
  } finally {
    for (const t of Object.values(tensors)) t.dispose();
  }
}
