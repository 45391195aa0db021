import { describe, it } from 'vitest';
import { describeOpConformance } from './testing/op-conformance.js';

// Every op, forward and backward, against PyTorch, on the CPU backend. Other backends run the same
// suite from @neurite/tensor/testing.
describeOpConformance({ describe, it }, { backend: 'cpu' });
