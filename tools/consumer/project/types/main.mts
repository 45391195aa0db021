// Type-checked against the published .d.ts files, as an ES module (node16: the `import` conditions).
import { tensor, tidy, nn, optim, data, setBackend, type Tensor, type DType } from 'neurite';
import { Conv2d } from '@neurite/cnn';
import { LSTM } from '@neurite/rnn';
import { MultiheadAttention } from '@neurite/transformer';
import { createWorkerBackend, isolationProblem } from '@neurite/backend-worker';
import { createWebGpuBackend } from '@neurite/backend-webgpu';
import { mnist, type Mnist } from '@neurite/data';

await setBackend('cpu');
const model = new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU(), new nn.Linear(8, 2));
const optimizer = new optim.Adam(model.parameters(), { lr: 1e-3 });
const output: Tensor = tidy(() => model.forward(tensor([[1, 2, 3, 4]])));
const shape: readonly number[] = output.shape;
const dtype: DType = output.dtype;
const values: Float32Array | Int32Array | Uint8Array = await output.data();
optimizer.zeroGrad();
const layers = [new Conv2d(1, 8, 3), new LSTM(8, 16), new MultiheadAttention(16, 2)];
const loading: Promise<Mnist> = mnist({ seed: 1 });
const sameLoader: typeof data.mnist = mnist;
const problem: string | undefined = isolationProblem();
export const checked = { shape, dtype, values, layers, loading, sameLoader, problem, createWorkerBackend, createWebGpuBackend };
