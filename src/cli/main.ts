import { Command, CommanderError } from 'commander';
import { Interrupted, runCommand } from './runCommand.js';
import { reportCommand } from './reportCommand.js';
import { sensitivityCommand } from './sensitivityCommand.js';
import { replayCommand } from './replayCommand.js';
import { auditCommand } from './auditCommand.js';
import { workerCommand } from './workerCommand.js';
import { compareCommand, sweepCommand } from './compareCommands.js';
import { listCommand, schemaCommand, validateCommand } from './infoCommands.js';
import { exitCodeFor, EXIT } from './exitCodes.js';
import { ENGINE_VERSION } from '../version.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Builds the `forecast` command (exported for in-process tests). */
export function buildProgram(): Command {
  const program = new Command('forecast')
    .description('Monte Carlo risk and forecast engine: probability bands, claim probabilities and reports from scenario files.')
    .version(ENGINE_VERSION)
    .exitOverride()
    .showHelpAfterError('(run forecast --help for usage)');

  program
    .command('run')
    .description('run a scenario file (or every scenario in a folder, with a scorecard) and write the results to a run folder')
    .argument('[scenario]', 'scenario file (.yaml, .yml or .json), or a folder of them')
    .option('-n, --trajectories <n>', 'number of trajectories (overrides the scenario)')
    .option('--seed <seed>', 'random seed (overrides the scenario)')
    .option('-w, --workers <n>', 'worker threads (0 = run on the main thread; default: all cores)')
    .option('--set <name=value>', 'override an input: a number (point value) or a YAML flow mapping, repeatable', collect, [])
    .option('--keep-trajectories <k>', 'also write the inputs and outputs of the first K trajectories to trajectories.csv')
    .option('-o, --out <dir>', 'run folder (default results/<scenario>/<run-id>)')
    .option('--force', 'overwrite a non-empty --out folder')
    .option('--json', 'print result.json to stdout instead of the claim table')
    .option('-q, --quiet', 'print nothing but errors (and --json output)')
    .option('--no-report', 'do not write report.html')
    .option('--sampler <name>', 'mc (default), lhs, sobol or antithetic (overrides the scenario)')
    .option('--precision <h>', 'stop once every claim\'s 95% half-width is at most h (decided at block boundaries)')
    .option('--precision-claims <ids>', 'comma-separated claims the precision target applies to')
    .option('--max-trajectories <n>', 'with --precision: the most trajectories to run (default: the scenario\'s)')
    .option('--repair', 'replace a correlation matrix that is not positive semi-definite by the nearest one (Higham)')
    .option('--checkpoint', 'write checkpoints every few seconds (default: on from 500,000 trajectories)')
    .option('--no-checkpoint', 'do not write checkpoints')
    .option('--resume <run-folder>', 'continue an interrupted run from its checkpoint')
    .option('--redis <url>', 'run the blocks on `forecast worker` processes through Redis (redis:// or rediss://)')
    .action(runCommand);

  program
    .command('audit')
    .description('find claims decided by construction (never vary over every input\'s 0.1–99.9% range) or that are identities of one input; exit 4 when one is unlabelled or a labelled claim varies')
    .argument('<scenario>', 'scenario file, or a folder of them')
    .option('-n, --trajectories <n>', 'points of each Latin hypercube (default 20,000; at most 100,000)')
    .option('-w, --workers <n>', 'worker threads (default 0: the main thread)')
    .option('--json', 'print the findings as JSON')
    .action(auditCommand);

  program
    .command('worker')
    .description('take blocks from Redis and run them on this machine\'s cores, until stopped (SIGINT or SIGTERM)')
    .option('--redis <url>', 'Redis URL: redis://host:6379, rediss:// for TLS, redis://:password@host:6379')
    .option('-w, --workers <n>', 'worker threads on this machine (default: all cores)')
    .option('-q, --quiet', 'no log lines')
    .action(workerCommand);

  program
    .command('sensitivity')
    .description('which inputs decide each claim and output: rank correlations and PRCC, tornado, Sobol indices, breakeven')
    .argument('<scenario>', 'scenario file')
    .option('--method <methods>', 'comma-separated: rank, tornado, sobol, breakeven (default rank,tornado,sobol)')
    .option('-n, --trajectories <n>', 'trajectories per run for rank, tornado and breakeven (default 10,000; at most 100,000)')
    .option('--rows <n>', 'rows of the Sobol (Saltelli) design; the model runs rows × (inputs + 2) times (default 4096)')
    .option('--bootstrap <b>', 'bootstrap resamples for the Sobol intervals (default 100)')
    .option('--output <name>', 'a claim id, a scalar, or series@month, repeatable (default: every claim and scalar)', collect, [])
    .option('--quantiles <lo,hi>', 'tornado swing, as quantiles of each input (default 0.1,0.9)')
    .option('--input <name>', 'breakeven: the input to search over')
    .option('--target <p>', 'breakeven: the value of the (first) output to cross (default 0.5)')
    .option('--seed <seed>', 'random seed (overrides the scenario)')
    .option('-w, --workers <n>', 'worker threads (0 = main thread)')
    .option('--set <name=value>', 'override an input, repeatable', collect, [])
    .option('--top <k>', 'inputs to print per output (default 5)')
    .option('--redis <url>', 'run every model evaluation on forecast worker processes through Redis')
    .option('-o, --out <dir>', 'folder for sensitivity.json and .csv; a run folder gets them beside result.json and a redrawn report')
    .option('--force', 'overwrite a non-empty --out folder')
    .action(sensitivityCommand);

  program
    .command('compare')
    .description('two scenarios (or one and --set overrides) with common random numbers: each claim in both, and a 95% interval of the difference')
    .argument('<a>', 'scenario A')
    .argument('[b]', 'scenario B (omit to make B from A with --set)')
    .option('-n, --trajectories <n>', 'paired trajectories (default 20,000; at most 100,000)')
    .option('--seed <seed>', 'seed for both (default: A\'s)')
    .option('--set <name=value>', 'override an input of B, repeatable', collect, [])
    .option('-w, --workers <n>', 'worker threads')
    .option('-o, --out <dir>', 'folder for compare.json')
    .option('--force', 'overwrite a non-empty --out folder')
    .action(compareCommand);

  program
    .command('sweep')
    .description('every claim\'s probability with one input pinned at each value (common random numbers); writes sweep.csv and sweep.svg')
    .argument('<scenario>', 'scenario file')
    .option('--over <name=values>', 'name=v1,v2,… or name=low:high:count')
    .option('-n, --trajectories <n>', 'trajectories per value (default 20,000; at most 100,000)')
    .option('--seed <seed>', 'random seed (overrides the scenario)')
    .option('--set <name=value>', 'override other inputs, repeatable', collect, [])
    .option('-w, --workers <n>', 'worker threads')
    .option('-o, --out <dir>', 'folder for sweep.csv and sweep.svg')
    .option('--force', 'overwrite a non-empty --out folder')
    .action(sweepCommand);

  program
    .command('replay')
    .description('reproduce one trajectory of a run exactly: its inputs and outputs as JSON (a model error is raised again)')
    .argument('<run-folder>', 'a folder written by forecast run')
    .requiredOption('--trajectory <k>', 'the trajectory index')
    .action(replayCommand);

  program
    .command('report')
    .description('write report.html (the dashboard) into a run folder')
    .argument('<run-folder>', 'a folder written by forecast run')
    .action(reportCommand);

  program
    .command('validate')
    .description('check scenario files without running them')
    .argument('<scenarios...>', 'scenario files')
    .option('--set <name=value>', 'input override to check as well, repeatable', collect, [])
    .action(validateCommand);

  program.command('list').description('list built-in models and distribution families').action(listCommand);

  program
    .command('schema')
    .description('print the JSON Schema of scenario files (or of result.json with --result)')
    .option('--result', 'the schema of result.json instead')
    .action(schemaCommand);

  return program;
}

/** Runs the CLI with `argv` (user arguments only) and returns the exit code; never throws. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    // A command that finished but has something to report (forecast audit's unlabelled findings) sets process.exitCode.
    return typeof process.exitCode === 'number' && process.exitCode !== 0 ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof Interrupted) return e.exitCode;
    if (e instanceof CommanderError) {
      // Commander has already printed its message.
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? EXIT.ok : EXIT.usage;
    }
    const code = exitCodeFor(e);
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`error: ${message}\n`);
    if (code === EXIT.internal) {
      process.stderr.write('This is a bug in the engine; please report it with the command you ran.\n');
      if (process.env.FORECAST_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    }
    return code;
  }
}
