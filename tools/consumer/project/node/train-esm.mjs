import * as neurite from 'neurite';
import { trainMlp } from '../common/train.mjs';

console.log(JSON.stringify({ module: 'esm', ...(await trainMlp(neurite)) }));
