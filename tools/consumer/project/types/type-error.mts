// A deliberate mistake the published types must catch: a tensor's shape is not a string.
import { tensor } from 'neurite';

export const shape: string = tensor([1, 2, 3]).shape;
