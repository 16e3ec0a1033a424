import { excerptText } from '@lrkit/schedules';
import { Command, CommanderError, Option } from 'commander';
import { type ConvertOptions, convert } from './convert.js';
import { type Output, type PreviewOptions, preview } from './preview.js';
import { refuseRenamedOptions } from './schedule-sources.js';

/** A message on one line, cut to 1,000 characters: every error is one short line. */
function oneLine(text: string): string {
  return excerptText(text.trim().replace(/\s*\n\s*/g, ' '), 1000);
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function addSourceOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'a native JSON config file (repeatable)', collect)
    .option('--torch <name>', 'a PyTorch scheduler, e.g. StepLR, OneCycleLR (repeatable)', collect)
    .option('--args <list>', 'keyword arguments of the matching --torch, e.g. step_size=10,gamma=0.5 (repeatable)', collect)
    .option(
      '--learning-rate <number>',
      "the optimizer's learning rate for --torch (one for all, or one per --torch; not needed by CyclicLR/OneCycleLR)",
      collect,
    )
    .option('--keras <json>', 'a Keras schedule {"class_name": ..., "config": {...}}, inline or @file.json (repeatable)', collect)
    .option('--optax <name:kwargs>', 'an optax schedule, e.g. cosine_decay_schedule:init_value=0.1,decay_steps=1000 (repeatable)', collect)
    .option(
      '--hf <name:args>',
      'a transformers get_scheduler name with num_warmup_steps, num_training_steps, its scheduler_specific_kwargs and lr, e.g. linear:num_warmup_steps=100,num_training_steps=1000,lr=5e-5 (repeatable)',
      collect,
    )
    .option(
      '--timm <sched:args>',
      'a timm create_scheduler_v2 sched with its arguments and lr, e.g. cosine:num_epochs=100,warmup_epochs=5,lr=0.1 (repeatable)',
      collect,
    )
    .option('--name <label>', 'legend name of each schedule, in order (repeatable)', collect)
    .addOption(new Option('--base-lr [number]', 'renamed --learning-rate before 1.0').hideHelp())
    .hook('preAction', (_command, action) => refuseRenamedOptions(action.opts()));
}

const previewExamples = `
Schedules are read in this order: positional configs, --config, --torch, --keras, --optax, --hf, --timm.
Steps are half-open: --steps 0:1000 draws steps 0 … 999.

Examples:
  $ lrkit preview '{"type":"cosine","initialValue":0.1,"decaySteps":1000}'
  $ lrkit preview @schedule.json --steps 0:100000 --svg schedule.svg --png schedule.png
  $ lrkit preview --torch StepLR --args step_size=30,gamma=0.1 --learning-rate 0.1 --steps 0:100
  $ lrkit preview --torch OneCycleLR --args max_lr=0.1,total_steps=1000 --steps 0:1000
  $ lrkit preview --keras '{"class_name":"CosineDecay","config":{"initial_learning_rate":0.1,"decay_steps":1000}}'
  $ lrkit preview --optax linear_onecycle_schedule:transition_steps=1000,peak_value=0.1 --steps 0:1000
  $ lrkit preview --hf cosine:num_warmup_steps=100,num_training_steps=1000,lr=5e-5 --steps 0:1000
  $ lrkit preview --timm cosine:num_epochs=100,warmup_epochs=5,cycle_limit=2,lr=0.1 --steps 0:200
  $ lrkit preview a.json b.json --name warm --name cold --csv`;

const convertExamples = `
Examples:
  $ lrkit convert --torch StepLR --args step_size=30,gamma=0.1 --learning-rate 0.1
  $ lrkit convert --keras '{"class_name":"ExponentialDecay","config":{"initial_learning_rate":0.1,"decay_steps":100,"decay_rate":0.5}}'
  $ lrkit convert @schedule.json --to torch
  $ lrkit convert '{"type":"cosine","initialValue":0.1,"decaySteps":1000}' --to keras
  $ lrkit convert --optax cosine_onecycle_schedule:transition_steps=1000,peak_value=0.1
  $ lrkit convert '{"type":"cosine","initialValue":0.1,"decaySteps":1000}' --to optax`;

/**
 * The `lrkit` command tree (commander), writing results to `output` and notes to `note`.
 *
 * @example
 * ```ts
 * const program = createProgram({ write: (text) => process.stdout.write(text), isTTY: false, columns: undefined });
 * await program.parseAsync(['node', 'lrkit', 'convert', '--torch', 'StepLR', '--args', 'step_size=30', '--learning-rate', '0.1']);
 * ```
 */
export function createProgram(output: Output, note: (text: string) => void = (text) => process.stderr.write(text)): Command {
  const program = new Command('lrkit')
    .description('Preview learning-rate schedules (native, PyTorch or Keras) and convert between config forms.')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => output.write(text),
      // Subcommands copy this configuration when created: their errors go to `note` too.
      writeErr: (text) => note(text),
      outputError: (text, write) => write(`lrkit: ${oneLine(text.replace(/^error: /, ''))}\n`),
    });

  addSourceOptions(
    program
      .command('preview')
      .description('draw schedules in the terminal, or write SVG/PNG, or print the sampled values')
      .argument('[configs...]', 'native JSON configs (or Keras {class_name, config}), inline or @file.json'),
  )
    .option('--steps <start:end>', 'the step range, end exclusive', '0:1000')
    .option('--svg <file>', 'write an SVG picture')
    .option('--png <file>', 'write a PNG picture')
    .option('--vega-lite <file>', 'write the Vega-Lite spec (to embed the chart in a web page)')
    .addOption(new Option('--json', 'print the sampled values as JSON').conflicts('csv'))
    .option('--csv', 'print the sampled values as CSV (series,step,value)')
    .option('--points <n>', 'most points sampled per schedule; longer ranges become a min/max envelope')
    .option('--title <text>', 'chart title')
    .option('--log-y', 'logarithmic y axis')
    .option('--width <n>', 'plot width (terminal columns, or SVG/PNG pixels; default: terminal width / 640)')
    .option('--height <n>', 'plot height (terminal rows, or pixels; default 15 / 360)')
    .option('--scale <factor>', 'PNG pixel density', '2')
    .option('--no-color', 'no ANSI colours in the terminal chart')
    .addHelpText('after', previewExamples)
    .action(async (configs: string[], options: PreviewOptions) => {
      await preview(configs, options, output);
    });

  addSourceOptions(
    program
      .command('convert')
      .description('turn a PyTorch or Keras recipe into a native config, or a native config into a PyTorch/Keras recipe where exact')
      .argument('[config]', 'a native JSON config (or Keras {class_name, config}), inline or @file.json'),
  )
    .option('--to <form>', 'native, torch, keras or optax', 'native')
    .option(
      '--total-steps <n>',
      'training length: OneCycleLR total_steps when not in --args; also the steps a plain native equivalent is checked on (default 0…9999 and sparse up to 10^6)',
    )
    .addHelpText('after', convertExamples)
    .action((config: string | undefined, options: ConvertOptions) => {
      convert(config === undefined ? [] : [config], options, output, note);
    });

  return program;
}

/**
 * Runs `lrkit` with the given arguments (without `node` and the script path) and returns the
 * exit status: 0 on success, 1 on any error, whose message was written as one line
 * (`lrkit: …`) to `errorOutput`.
 *
 * @example
 * ```ts
 * const status = await run(['preview', '--torch', 'StepLR', '--args', 'step_size=10', '--json'], stdoutOutput, console.error);
 * ```
 */
export async function run(argv: readonly string[], output: Output, errorOutput: (text: string) => void): Promise<number> {
  const program = createProgram(output, errorOutput);
  program.configureOutput({
    writeOut: (text) => output.write(text),
    writeErr: (text) => errorOutput(text),
    outputError: (text, write) => write(`lrkit: ${oneLine(text.replace(/^error: /, ''))}\n`),
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit with 0; commander already printed its one-line message otherwise.
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    errorOutput(`lrkit: ${oneLine(message)}\n`);
    return 1;
  }
}
