import { describe, expect, it } from 'vitest';
import * as cnn from '@neurite/cnn';
import * as rnn from '@neurite/rnn';
import * as transformer from '@neurite/transformer';
import * as coreNn from '@neurite/nn';
import * as worker from '@neurite/backend-worker';
import * as neurite from './index.js';

// A user of the umbrella should never have to add a scoped package to reach a layer or a
// function (pnpm does not let a program import a package it does not depend on).
describe('the umbrella leaves nothing of the first-party packages out', () => {
  it.each([
    ['@neurite/nn', coreNn],
    ['@neurite/cnn', cnn],
    ['@neurite/rnn', rnn],
    ['@neurite/transformer', transformer],
  ])('every value %s exports is in nn or nn.functional', (_name, module) => {
    const missing = Object.keys(module).filter((key) => !(key in neurite.nn) && !(key in neurite.nn.functional));
    expect(missing).toEqual([]);
  });

  it("has the worker backend's isolation check", () => {
    expect(neurite.isolationProblem).toBe(worker.isolationProblem);
    expect(neurite.ISOLATION_HEADERS).toBe(worker.ISOLATION_HEADERS);
  });
});
