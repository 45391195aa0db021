export { Module } from './module.js';
export type { AnyModule, StateDict, LoadStateDictOptions, LoadStateDictResult } from './module.js';
export { Parameter } from './parameter.js';

export { Linear } from './layers/linear.js';
export type { LinearOptions } from './layers/linear.js';
export { ReLU, LeakyReLU, GELU, SiLU, Sigmoid, Tanh, Softmax, LogSoftmax } from './layers/activations.js';
export { Identity, Flatten, Dropout } from './layers/shape-layers.js';
export type { DropoutLayerOptions } from './layers/shape-layers.js';
export { LayerNorm, Embedding } from './layers/normalization.js';
export type { LayerNormOptions, EmbeddingOptions } from './layers/normalization.js';
export { Sequential, ModuleList } from './layers/containers.js';
export type { TensorModule } from './layers/containers.js';
export { CrossEntropyLoss, NLLLoss, MSELoss, L1Loss, BCELoss, BCEWithLogitsLoss } from './layers/losses.js';
export { coreLayers } from './layers/core-layers.js';

export * as functional from './functional/index.js';
export * as init from './init/index.js';

export { saveSafetensors, loadSafetensors, readSafetensors } from './serialization/safetensors.js';
export type { SafetensorsContents } from './serialization/safetensors.js';
export { saveModel, loadModel } from './serialization/model-file.js';
export type { LoadModelOptions } from './serialization/model-file.js';
export { LayerRegistry } from './serialization/layer-registry.js';
export type { NeuritePlugin } from './serialization/layer-registry.js';
export type { LayerClass, LayerConfig, ConfigValue, ConfigurableLayer, SavedLayer } from './serialization/layer-config.js';
