// The program every consumer check runs, as a user would write it: the first `steps` steps of an
// MLP on the embedded MNIST digits, with Adam. It takes the library as an argument, so the ESM
// build, the CommonJS build and each browser bundle run the very same code.

/** Trains and returns what the checks look at: the losses, the backend, and the data's description. */
export async function trainMlp(neurite, { steps = 40, backend = 'cpu' } = {}) {
  const { tidy, manualSeed, setBackend, nn, optim, data } = neurite;
  await setBackend(backend);
  manualSeed(0);
  const { train, test, info } = await data.mnist();
  const model = new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 64), new nn.ReLU(), new nn.Linear(64, 10));
  const optimizer = new optim.Adam(model.parameters(), { lr: 1e-3 });
  const losses = [];
  for (const { input, target } of new data.DataLoader(train, { batchSize: 64, shuffle: true })) {
    const loss = tidy(() => {
      const value = nn.functional.crossEntropy(model.forward(input), target);
      optimizer.zeroGrad();
      value.backward();
      optimizer.step();
      return value;
    });
    losses.push((await loss.data())[0]);
    loss.dispose();
    input.dispose();
    target.dispose();
    if (losses.length === steps) break;
  }
  train.dispose();
  test.dispose();
  return { losses, backend: neurite.getBackend().name, data: info.description };
}
