import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randn, tensor, manualSeed, type Tensor } from '@neurite/tensor';
import { describeEachBackend } from '@neurite/tensor/testing';
import * as nn from '../index.js';

/** A layer from an imaginary plugin, written as a third party would. */
class Scale extends nn.Module implements nn.ConfigurableLayer {
  static readonly layerType = 'Scale';
  static readonly plugin = '@example/neurite-scale';
  readonly factor: nn.Parameter;
  constructor(readonly size: number) {
    super();
    this.factor = new nn.Parameter(randn([size]));
  }
  forward(x: Tensor): Tensor { return x.mul(this.factor); }
  getConfig(): nn.LayerConfig { return { size: this.size }; }
  static fromConfig(config: nn.LayerConfig): Scale { return new Scale(config.size as number); }
}
const scalePlugin: nn.NeuritePlugin = { name: '@example/neurite-scale', layers: [Scale] };

describeEachBackend({ describe, beforeAll, afterAll }, 'saveModel / loadModel', () => {
  it('rebuilds architecture and weights, giving the same outputs', async () => {
    manualSeed(1);
    const model = new nn.Sequential(new nn.Linear(4, 6), new nn.GELU({ approximate: 'tanh' }), new nn.LayerNorm(6), new nn.Dropout(0.1), new nn.Linear(6, 2), new nn.LogSoftmax(-1));
    model.eval();
    const bytes = await nn.saveModel(model);
    const loaded = nn.loadModel(bytes) as nn.Sequential;
    loaded.eval();
    expect(String(loaded)).toBe(String(model));
    const x = tensor([[1, -2, 3, 0.5]]);
    expect(await loaded.forward(x).array()).toEqual(await model.forward(x).array());
  });

  it('loads layers from the plugins it is given, and names the plugin it lacks', async () => {
    const model = new nn.Sequential(new nn.Linear(2, 3), new Scale(3));
    const bytes = await nn.saveModel(model);
    expect(() => nn.loadModel(bytes)).toThrow(/loadModel: unknown layer type 'Scale'\. It comes from the plugin '@example\/neurite-scale': install it and pass it to loadModel/);
    const loaded = nn.loadModel(bytes, { plugins: [scalePlugin] }) as nn.Sequential;
    const x = tensor([[0.5, -1]]);
    expect(await loaded.forward(x).array()).toEqual(await model.forward(x).array());
  });

  it('says how to save a module that cannot describe itself', async () => {
    class Custom extends nn.Module {
      readonly inner = new nn.Linear(2, 2);
      forward(x: Tensor): Tensor { return this.inner.forward(x); }
    }
    await expect(nn.saveModel(new Custom())).rejects.toThrow(/saveModel: the model \(Custom\) cannot describe itself.*saveSafetensors\(model.stateDict\(\)\)/);
  });

  it('refuses a plain weights file', async () => {
    const bytes = await nn.saveSafetensors({ w: tensor([1]) });
    expect(() => nn.loadModel(bytes)).toThrow("loadModel: this safetensors file holds no Neurite model (format 'none')");
  });
});
