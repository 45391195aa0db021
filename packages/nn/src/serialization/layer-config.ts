import type { AnyModule } from '../module.js';

/** JSON values a layer's configuration may hold. */
export type ConfigValue = string | number | boolean | null | readonly ConfigValue[] | { readonly [key: string]: ConfigValue };
export type LayerConfig = { readonly [key: string]: ConfigValue };

/** How `loadModel` rebuilds a child module from its saved description. */
export type BuildChild = (saved: SavedLayer) => AnyModule;

/** A layer as `saveModel` writes it: its type, its configuration, and its children if a container. */
export interface SavedLayer {
  readonly type: string;
  readonly plugin?: string;
  readonly config: LayerConfig;
  readonly children?: readonly SavedLayer[];
}

/** What a module must offer to be saved with `saveModel`. */
export interface ConfigurableLayer {
  getConfig(): LayerConfig;
}

/** The static side of a layer class that `loadModel` can rebuild. */
export interface LayerClass {
  /** The name saved files use (stable, unlike class names after minification). */
  readonly layerType: string;
  /** The npm package that provides the layer, named in the error when it is missing. */
  readonly plugin?: string;
  fromConfig(config: LayerConfig, children: readonly AnyModule[]): AnyModule;
}

export function isConfigurable(module: unknown): module is ConfigurableLayer {
  return typeof (module as Partial<ConfigurableLayer>).getConfig === 'function';
}
