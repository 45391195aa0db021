import { parseOptions, USAGE, UsageError } from './options.js';
import { train } from './train.js';
import { predict } from './predict.js';
import { formatConfusion } from './evaluate.js';

/** `npm run mnist -- [options]`: trains (or predicts with) an MNIST classifier. */
async function main(argv: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  const write = (text: string) => void process.stdout.write(text);
  if (options.command === 'help') {
    write(`${USAGE}\n`);
    return 0;
  }
  if (options.command === 'predict') {
    await predict(options, write);
    return 0;
  }
  const stop = { requested: false };
  process.on('SIGINT', () => {
    if (stop.requested) process.exit(130); // a second Ctrl-C does not wait
    stop.requested = true;
    process.stderr.write('\nstopping after this batch (Ctrl-C again to quit at once)...\n');
  });
  const result = await train(options, { write, interactive: Boolean(process.stdout.isTTY), stop });
  write(`\ntraining time: ${result.trainingSeconds.toFixed(1)} s (evaluation and checkpoints included)\n`);
  if (result.evaluation) {
    write(`final test accuracy: ${(result.evaluation.accuracy * 100).toFixed(2)}%\n\nconfusion matrix:\n${formatConfusion(result.evaluation.confusion)}\n`);
  }
  return result.completed ? 0 : 130;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
