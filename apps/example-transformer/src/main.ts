import { parseArgs } from 'node:util';
import { DEFAULT_OPTIONS, percent, train, type TrainOptions } from './train.js';
import { TASKS, type Task } from './tasks.js';

const USAGE = `usage: pnpm --filter @neurite/example-transformer start [-- options]

  --task reverse|sort   what to learn (default ${DEFAULT_OPTIONS.task})
  --length N            digits per sequence (default ${DEFAULT_OPTIONS.length})
  --steps N             training steps (default ${DEFAULT_OPTIONS.steps})
  --batch-size N        sequences per step (default ${DEFAULT_OPTIONS.batchSize})
  --lr X                Adam learning rate (default ${DEFAULT_OPTIONS.lr})
  --seed N              seed of initialisation and data (default ${DEFAULT_OPTIONS.seed})`;

function positive(name: string, text: string | undefined, fallback: number, integer = true): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!(value > 0) || (integer && !Number.isInteger(value))) throw new Error(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got '${text}'`);
  return value;
}

function seed(text: string | undefined): number {
  if (text === undefined) return DEFAULT_OPTIONS.seed;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--seed must be a non-negative integer, got '${text}'`);
  return value;
}

function parseOptions(argv: readonly string[]): TrainOptions | 'help' {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: {
      task: { type: 'string' }, length: { type: 'string' }, steps: { type: 'string' }, 'batch-size': { type: 'string' },
      lr: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const task = (values.task ?? DEFAULT_OPTIONS.task) as Task;
  if (!TASKS.includes(task)) throw new Error(`--task must be one of ${TASKS.join(', ')}, got '${task}'`);
  return {
    ...DEFAULT_OPTIONS,
    task,
    length: positive('length', values.length, DEFAULT_OPTIONS.length),
    steps: positive('steps', values.steps, DEFAULT_OPTIONS.steps),
    batchSize: positive('batch-size', values['batch-size'], DEFAULT_OPTIONS.batchSize),
    lr: positive('lr', values.lr, DEFAULT_OPTIONS.lr, false),
    seed: seed(values.seed),
  };
}

async function main(argv: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const result = await train(options, (line) => void process.stdout.write(`${line}\n`));
  process.stdout.write(
    `\nheld-out accuracy after ${options.steps} steps (${result.seconds.toFixed(1)} s): ` +
      `per token ${percent(result.accuracy.token)}, whole sequence ${percent(result.accuracy.sequence)}\n`,
  );
  result.model.dispose();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
