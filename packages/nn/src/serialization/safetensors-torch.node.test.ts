import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { tensor } from '@neurite/tensor';
import { describeEachBackend, expectClose } from '@neurite/tensor/testing';
import * as nn from '../index.js';

/**
 * Files written from PyTorch state dicts (tools/fixtures/generate_nn_fixtures.py). Node: they are
 * read from disk. The tensors they hold are made on every backend under test.
 */
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url)));
const json = (name: string) => JSON.parse(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8'));

describeEachBackend({ describe, beforeAll, afterAll }, 'PyTorch safetensors files', () => {
  it('a PyTorch state dict loads strictly and gives PyTorch’s output', async () => {
    const model = new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU(), new nn.Linear(8, 8), new nn.GELU(), new nn.Linear(8, 3));
    const { tensors, metadata } = nn.readSafetensors(fixture('torch-mlp.safetensors'));
    expect(metadata).toEqual({ format: 'pt' });
    model.loadStateDict(tensors, { strict: true });
    const expected = json('torch-mlp.json');
    const output = model.forward(tensor(expected.input.values, expected.input.shape));
    expectClose(await output.data(), expected.output.values, 'model output');
    model.dispose();
  });

  it('converts F16, BF16, F64, I64, BOOL and U8 exactly', async () => {
    const loaded = nn.loadSafetensors(fixture('dtypes.safetensors'));
    const expected = json('dtypes.json');
    for (const name of ['half', 'brain', 'double', 'counts', 'mask', 'small']) {
      expectClose(await loaded[name].data(), expected[name], name, 0, 0);
    }
    expect(loaded.half.dtype).toBe('float32');
    expect(loaded.counts.dtype).toBe('int32');
    expect(loaded.mask.dtype).toBe('bool');
    expect(loaded.double.shape).toEqual([1, 2]);
  });
});

// The overflow is found while converting the file's bytes, before any tensor is made.
describe('PyTorch safetensors files: conversion errors', () => {
  it('refuses an int64 value outside the int32 range instead of wrapping it', () => {
    expect(() => nn.loadSafetensors(fixture('int64-overflow.safetensors'))).toThrow("loadSafetensors: tensor 'big' (I64) holds 1099511627776 at index 0, outside the int32 range");
  });
});
