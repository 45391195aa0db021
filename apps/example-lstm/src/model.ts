import { tidy, type Tensor } from '@neurite/tensor';
import * as nn from '@neurite/nn';
import { LSTM } from '@neurite/rnn';

/** An LSTM reads the window; a linear head turns its final hidden state into the forecast. */
export class SineForecaster extends nn.Module {
  readonly lstm: LSTM;
  readonly head: nn.Linear;

  constructor(readonly hiddenSize: number) {
    super();
    this.lstm = new LSTM(1, hiddenSize, { batchFirst: true });
    this.head = new nn.Linear(hiddenSize, 1);
  }

  /** `[N, T, 1]` observations to `[N, 1]` forecasts. */
  forward(inputs: Tensor): Tensor {
    return tidy(() => {
      const [, [hidden]] = this.lstm.forward(inputs);
      return this.head.forward(hidden.squeeze(0));
    });
  }
}
