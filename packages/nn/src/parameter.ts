import { Tensor, keep } from '@neurite/tensor';

/**
 * A tensor that is a module's weight: it requires grad (unless told otherwise) and lives outside
 * every `tidy`, until the module is disposed. Optimizers update it in place with `assign`.
 *
 * It takes over the tensor it is given (that handle is disposed), so the usual
 * `new Parameter(randn([4, 3]).mul(0.1))` leaves nothing behind. Pass `t.clone()` to keep `t`.
 */
export class Parameter extends Tensor {
  constructor(data: Tensor, requiresGrad = true) {
    super(data);
    data.dispose();
    keep(this);
    if (requiresGrad) this.requiresGrad = true;
  }
}
