// A program that trains an MLP, importing only what it uses from the scoped packages.
import { tensor, randn, tidy, manualSeed } from '@neurite/tensor';
import { Sequential, Linear, ReLU, functional } from '@neurite/nn';
import { Adam } from '@neurite/optim';

manualSeed(0);
const model = new Sequential(new Linear(784, 128), new ReLU(), new Linear(128, 10));
const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
const input = randn([64, 784]);
const target = tensor(Int32Array.from({ length: 64 }, (_, i) => i % 10));
for (let step = 0; step < 10; step++) {
  tidy(() => {
    const loss = functional.crossEntropy(model.forward(input), target);
    optimizer.zeroGrad();
    loss.backward();
    optimizer.step();
  });
}
