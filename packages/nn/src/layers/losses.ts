import type { Tensor } from '@neurite/tensor';
import { Module } from '../module.js';
import { crossEntropy, nllLoss, type CrossEntropyOptions, type NllLossOptions } from '../functional/cross-entropy.js';
import { binaryCrossEntropy, binaryCrossEntropyWithLogits, l1Loss, mseLoss, type BinaryCrossEntropyOptions, type BinaryCrossEntropyWithLogitsOptions, type LossOptions } from '../functional/regression.js';

/** Loss modules: the functional losses with their options fixed at construction. */

export class CrossEntropyLoss extends Module<[Tensor, Tensor], Tensor> {
  constructor(readonly options: CrossEntropyOptions = {}) { super(); }
  forward(input: Tensor, target: Tensor): Tensor { return crossEntropy(input, target, this.options); }
}

export class NLLLoss extends Module<[Tensor, Tensor], Tensor> {
  constructor(readonly options: NllLossOptions = {}) { super(); }
  forward(input: Tensor, target: Tensor): Tensor { return nllLoss(input, target, this.options); }
}

export class MSELoss extends Module<[Tensor, Tensor], Tensor> {
  constructor(readonly options: LossOptions = {}) { super(); }
  forward(input: Tensor, target: Tensor): Tensor { return mseLoss(input, target, this.options); }
}

export class L1Loss extends Module<[Tensor, Tensor], Tensor> {
  constructor(readonly options: LossOptions = {}) { super(); }
  forward(input: Tensor, target: Tensor): Tensor { return l1Loss(input, target, this.options); }
}

export class BCELoss extends Module<[Tensor, Tensor], Tensor> {
  constructor(readonly options: BinaryCrossEntropyOptions = {}) { super(); }
  forward(input: Tensor, target: Tensor): Tensor { return binaryCrossEntropy(input, target, this.options); }
}

export class BCEWithLogitsLoss extends Module<[Tensor, Tensor], Tensor> {
  constructor(readonly options: BinaryCrossEntropyWithLogitsOptions = {}) { super(); }
  forward(input: Tensor, target: Tensor): Tensor { return binaryCrossEntropyWithLogits(input, target, this.options); }
}
