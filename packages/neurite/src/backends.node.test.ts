import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { defaultWorkerCount } from '@neurite/backend-worker';

/**
 * Where WebGPU cannot start, setBackend('webgpu') says which part is missing and what to do. Here
 * a child process is given a Vulkan driver list that names no driver, as on a Linux machine with
 * neither a GPU nor a software driver: Dawn then finds no adapter.
 */
describe('setBackend(\'webgpu\') without a GPU adapter', () => {
  it('rejects saying no adapter was found and what to install, and the next best backend goes on working', () => {
    const neurite = import.meta.resolve('neurite');
    const script = `
      const { setBackend, setBestBackend, tensor } = await import(${JSON.stringify(neurite)});
      const failure = await setBackend('webgpu').then(() => 'started', (error) => error.message);
      const best = await setBestBackend();
      const values = Array.from(await tensor([1, 2]).add(1).data());
      console.log(JSON.stringify({ failure, best: best.name, values }));
      process.exit(0);
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'], // Dawn's own warning about the missing driver stays out of the report
      env: { ...process.env, VK_ICD_FILENAMES: '/nonexistent/no-driver.json' },
    });
    const result = JSON.parse(output.trim().split('\n').pop()!);
    expect(result.failure).toMatch(/^webgpu: requestAdapter\(\) found no GPU adapter\. .*in Node, the `webgpu` package needs a Vulkan, Metal or D3D12 driver/);
    // Without WebGPU, setBestBackend takes the worker pool where there are two cores or more, else the CPU.
    expect(result.best).toBe(defaultWorkerCount() >= 2 ? 'worker' : 'cpu');
    expect(result.values).toEqual([2, 3]);
  });
});
