import { describe, expect, it } from 'vitest';
import { BackendRegistry } from './registry.js';

describe('BackendRegistry', () => {
  it('lists backends by priority, highest first', () => {
    const registry = new BackendRegistry();
    registry.register('slow', () => Promise.reject(new Error('no')), { priority: 1 });
    registry.register('fast', () => Promise.reject(new Error('no')), { priority: 5 });
    registry.register('default', () => Promise.reject(new Error('no')));
    expect(registry.names()).toEqual(['fast', 'slow', 'default']);
    expect(registry.has('slow')).toBe(true);
    expect(registry.active).toBeUndefined();
  });

  it('an unknown name lists the registered ones', async () => {
    const registry = new BackendRegistry();
    await expect(registry.setBackend('cpu')).rejects.toThrow("setBackend: no backend named 'cpu'. Registered backends: (none)");
    registry.register('webgpu', () => Promise.reject(new Error('no adapter')), { priority: 3 });
    registry.register('cpu', () => Promise.reject(new Error('broken')), { priority: 1 });
    await expect(registry.setBackend('wasm')).rejects.toThrow("setBackend: no backend named 'wasm'. Registered backends: 'webgpu', 'cpu'");
  });

  it('refuses a second registration under the same name', () => {
    const registry = new BackendRegistry();
    registry.register('cpu', () => Promise.reject(new Error('unused')));
    expect(() => registry.register('cpu', () => Promise.reject(new Error('unused')))).toThrow("registerBackend: a backend named 'cpu' is already registered");
  });

  it('setBestBackend reports why every candidate failed', async () => {
    const registry = new BackendRegistry();
    registry.register('webgpu', () => Promise.reject(new Error('no adapter')), { priority: 3 });
    registry.register('worker', () => {
      throw new Error('no SharedArrayBuffer');
    }, { priority: 2 });
    await expect(registry.setBestBackend()).rejects.toThrow('setBestBackend: no registered backend could initialise (webgpu: no adapter; worker: no SharedArrayBuffer)');
    expect(registry.active).toBeUndefined();
  });

  it('the failure of a factory leaves the registry usable', async () => {
    const registry = new BackendRegistry();
    let attempts = 0;
    registry.register('flaky', () => {
      attempts++;
      return Promise.reject(new Error(`attempt ${attempts}`));
    });
    await expect(registry.setBackend('flaky')).rejects.toThrow('attempt 1');
    await expect(registry.setBackend('flaky')).rejects.toThrow('attempt 2');
  });
});

describe('BackendRegistry and a backend that restarts', () => {
  it('every setBackend asks the one instance to initialize again (a lost GPU device restarts there)', async () => {
    const registry = new BackendRegistry();
    let made = 0;
    let initialized = 0;
    registry.register('gpu', () => {
      made++;
      return { name: 'gpu', initialize: () => Promise.resolve(void initialized++) } as unknown as import('./backend.js').Backend;
    });
    const first = await registry.setBackend('gpu');
    const second = await registry.setBackend('gpu');
    expect(second).toBe(first);
    expect([made, initialized]).toEqual([1, 2]);
  });
});

describe('BackendRegistry with concurrent callers', () => {
  it('concurrent setBackend calls share one instance, made once', async () => {
    const registry = new BackendRegistry();
    let made = 0;
    registry.register('slow', async () => {
      made++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { name: 'slow', initialize: () => Promise.resolve() } as unknown as import('./backend.js').Backend;
    });
    const [a, b] = await Promise.all([registry.setBackend('slow'), registry.setBackend('slow')]);
    expect(a).toBe(b);
    expect(made).toBe(1);
    expect(registry.instance('slow')).toBe(a);
  });

  it('names the backend being switched to until the switch settles', async () => {
    const registry = new BackendRegistry();
    registry.register('slow', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { name: 'slow', initialize: () => Promise.resolve() } as unknown as import('./backend.js').Backend;
    });
    const pending = registry.setBackend('slow');
    expect(registry.switching).toBe('slow');
    await pending;
    expect(registry.switching).toBeUndefined();
    await expect(registry.setBackend('missing')).rejects.toThrow("no backend named 'missing'");
    expect(registry.switching).toBeUndefined();
  });
});
