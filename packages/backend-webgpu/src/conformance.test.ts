import { describe, it } from 'vitest';
import { describeBackendConformance } from '@neurite/backend/conformance';
import { createCpuBackend } from '@neurite/backend-cpu';
import { createWebGpuBackend } from './index.js';

describeBackendConformance({ describe, it }, { backend: createWebGpuBackend(), reference: createCpuBackend() });
