import { defaultOptions, train, type TrainOptions } from './train.js';

const USAGE = `usage: pnpm --filter @neurite/example-lstm start [-- --epochs N --seed N --hidden N]`;

/** Reads `--epochs`, `--seed` and `--hidden`; anything else is a usage error. */
function parseArguments(argv: readonly string[]): TrainOptions {
  const names: Record<string, keyof TrainOptions> = { '--epochs': 'epochs', '--seed': 'seed', '--hidden': 'hiddenSize' };
  const options: Record<string, number> = { ...defaultOptions };
  const args = argv.filter((arg) => arg !== '--');
  for (let i = 0; i < args.length; i += 2) {
    const key = names[args[i]];
    const value = Number(args[i + 1]);
    if (!key || !Number.isInteger(value) || value < 0) throw new Error(`bad argument '${args[i]} ${args[i + 1] ?? ''}'\n${USAGE}`);
    options[key] = value;
  }
  return options as unknown as TrainOptions;
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  const result = await train(options, (text) => void process.stdout.write(text));
  process.stdout.write(
    `\nfinal test MSE ${result.testMse.toFixed(5)} vs ${result.baselineMse.toFixed(5)} for repeating the last value: ` +
      `${result.improvement.toFixed(1)}x better, in ${result.seconds.toFixed(1)} s\n`,
  );
  result.model.dispose();
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
