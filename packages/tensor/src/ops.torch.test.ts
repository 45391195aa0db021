import { describe, it } from 'vitest';
import { describeOpConformance } from './testing/op-conformance.js';
import { backendsUnderTest } from './testing/backends.js';

// Every op, forward and backward, against PyTorch, on each backend under test (NEURITE_BACKENDS).
for (const backend of backendsUnderTest()) describeOpConformance({ describe, it }, { backend });
