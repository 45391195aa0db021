// The same, as CommonJS (node16: the `require` conditions and the .d.cts files).
import { tensor, nn, type Tensor } from 'neurite';
import { Conv2d } from '@neurite/cnn';
import { randomSplit } from '@neurite/data';

const model = new nn.Sequential(new Conv2d(1, 4, 3), new nn.Flatten(), new nn.Linear(4 * 26 * 26, 10));
const output: Tensor = model.forward(tensor([[[[0]]]]).expand([1, 1, 28, 28]));
export const checked = { output, randomSplit };
