import { Command, CommanderError } from 'commander';
import { Interrupted } from './interrupted.js';
import { DEFAULT_METHODS, METHODS, SENSITIVITY_METHODS } from '../analysis/registry.js';
import { exitCodeFor, EXIT } from './exitCodes.js';
import { ENGINE_VERSION } from '../version.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/**
 * A command's action, its module loaded when the command runs: `forecast
 * --version`, `--help`, validate or list load no other command's modules (nor
 * echarts or bullmq; test/architecture/cliImports.test.ts).
 */
function lazy<A extends unknown[]>(load: () => Promise<(...args: A) => unknown>): (...args: A) => Promise<void> {
  return async (...args: A): Promise<void> => {
    await (await load())(...args);
  };
}

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
    .option('--redis-timeout <seconds>', 'with --redis: how long to keep trying to reach Redis, at the start or when the connection drops (default 60)')
    .option('--block-timeout <seconds>', 'fail the run (exit 3, naming the block) when one block runs longer than this on a worker thread (default 600; -w 0 cannot be timed out)')
    .option('--rare <budget>', 'claims with under 10 hits also get a rare-event estimate (forecast rare, this many model runs each): printed, in rare-<claim>.json and on the scorecard')
    .action(lazy(async () => (await import('./runCommand.js')).runCommand));

  program
    .command('serve')
    .description('a live dashboard on 127.0.0.1: change inputs, pinned values and claim thresholds and watch the forecast update')
    .argument('<scenario>', 'scenario file, or a run folder (serves the scenario it ran, at its N)')
    .option('--port <port>', 'port (default 8080; 0 picks a free one)')
    .option('--host <address>', 'address to listen on (default 127.0.0.1, loopback only)')
    .option('-n, --trajectories <n>', 'trajectories of the full pass (default: the scenario\'s)')
    .option('-w, --workers <n>', 'worker threads (default: all cores but one)')
    .action(lazy(async () => (await import('./serveCommand.js')).serveCommand));

  program
    .command('audit')
    .description('find claims decided by construction (never vary over every input\'s 0.1–99.9% range, nor in the far tails) or that are identities of one input; exit 4 when one is unlabelled or a labelled claim varies')
    .argument('<scenario>', 'scenario file, or a folder of them')
    .option('-n, --trajectories <n>', 'points of each Latin hypercube (default 20,000; at most 100,000)')
    .option('-w, --workers <n>', 'worker threads (default 0: the main thread)')
    .option('--tail-budget <runs>', 'model runs of the rare-event methods per constant claim, looking for it to change in the inputs\' far tails (default 20,000; 0: no probe)')
    .option('--json', 'print the findings as JSON')
    .action(lazy(async () => (await import('./auditCommand.js')).auditCommand));

  program
    .command('backtest')
    .description('run a scenario (or read a run folder) and print where each observation of the historical record falls in the forecast bands: its percentile at its month, and how many fall inside the 50% and 90% bands')
    .argument('<scenario>', 'scenario file, or a run folder written by forecast run')
    .requiredOption('--observed <csv>', 'observations: a CSV with columns series, date (YYYY-MM), value, and optionally source')
    .option('-n, --trajectories <n>', 'number of trajectories (overrides the scenario)')
    .option('--seed <seed>', 'random seed (overrides the scenario)')
    .option('-w, --workers <n>', 'worker threads (0 = main thread; results are identical at any count)')
    .option('--set <name=value>', 'override an input, repeatable', collect, [])
    .option('--json', 'print the backtest as JSON')
    .action(lazy(async () => (await import('./backtestCommand.js')).backtestCommand));

  program
    .command('worker')
    .description('take blocks from Redis and run them on this machine\'s cores, until stopped (SIGINT or SIGTERM)')
    .option('--redis <url>', 'Redis URL: redis://host:6379, rediss:// for TLS, redis://:password@host:6379')
    .option('-w, --workers <n>', 'worker threads on this machine (default: all cores)')
    .option('-q, --quiet', 'no log lines')
    .option('--redis-timeout <seconds>', 'how long to keep trying to reach Redis before giving up (default 60)')
    .action(lazy(async () => (await import('./workerCommand.js')).workerCommand));

  const sensitivity = program
    .command('sensitivity')
    .description('which inputs decide each claim and output: Morris screening, rank correlations and PRCC, tornado, Sobol indices, breakeven')
    .argument('<scenario>', 'scenario file')
    .option('--method <methods>', `comma-separated: ${SENSITIVITY_METHODS.join(', ')} (default ${DEFAULT_METHODS}: Morris screening, then Sobol on the inputs it ranks first)\n${METHODS.map((m) => `  ${m.name}: ${m.description}`).join('\n')}`)
    .option('-n, --trajectories <n>', 'trajectories per run for rank, tornado and breakeven (default 10,000; at most 100,000)')
    .option('--budget <runs>', 'model runs to split among the chosen methods whose size is not set by its own flag (default: sizes chosen from the number of inputs)')
    .option('--output <name>', 'a claim id, a scalar, or series@month, repeatable (default: every claim and scalar)', collect, []);
  // Each method's own options, from the registry (analysis/registry.ts).
  for (const m of METHODS) for (const o of m.options) sensitivity.option(o.flag, o.description);
  sensitivity
    .option('--seed <seed>', 'random seed (overrides the scenario)')
    .option('-w, --workers <n>', 'worker threads (0 = main thread)')
    .option('--set <name=value>', 'override an input, repeatable', collect, [])
    .option('--top <k>', 'inputs to print per output (default 5)')
    .option('--redis <url>', 'run every model evaluation on forecast worker processes through Redis')
    .option('--redis-timeout <seconds>', 'with --redis: how long to keep trying to reach Redis before giving up (default 60)')
    .option('-o, --out <dir>', 'folder for sensitivity.json and .csv; a run folder gets them beside result.json and a redrawn report')
    .option('--force', 'overwrite a non-empty --out folder')
    .action(lazy(async () => (await import('./sensitivityCommand.js')).sensitivityCommand));

  program
    .command('rare')
    .description('probability of a rare claim (subset simulation, FORM, importance sampling) and what would have to be true: writes rare.json')
    .argument('<scenario>', 'scenario file')
    .requiredOption('--claim <id>', 'the claim to estimate')
    .option('--budget <n>', 'model runs for all three methods together (default 50,000)')
    .option('--p0 <p>', 'subset simulation: conditional probability of each level (default 0.1)')
    .option('--seed <seed>', 'random seed (overrides the scenario)')
    .option('-w, --workers <n>', 'worker threads (0 = main thread; results are identical at any count)')
    .option('--set <name=value>', 'override an input, repeatable', collect, [])
    .option('-o, --out <dir>', 'folder for rare.json; a run folder gets it beside result.json')
    .option('--force', 'overwrite a non-empty --out folder')
    .option('--json', 'print rare.json instead of the summary')
    .action(lazy(async () => (await import('./rareCommand.js')).rareCommand));

  program
    .command('discover')
    .description('scenario discovery (PRIM): the box of inputs where a claim holds, in one sentence: writes discover.json')
    .argument('<scenario>', 'scenario file')
    .requiredOption('--claim <id>', 'the claim whose region to describe')
    .option('-n, --points <n>', 'points of the exploratory Latin hypercube (default 5,000)')
    .option('--alpha <a>', 'peeling fraction (default 0.05)')
    .option('--min-coverage <c>', 'the chosen box is the densest with at least this coverage (default 0.5)')
    .option('--range <name=lo:hi>', 'explore this input over a range you state instead of its 0.1–99.9% quantiles, repeatable', collect, [])
    .option('--explore <design>', 'range (default): each input uniform over its 0.1–99.9% quantile range; inputs: drawn from the scenario\'s own inputs (between those quantiles), so a box\'s density is P(claim | box)')
    .option('--seed <seed>', 'random seed (overrides the scenario)')
    .option('-w, --workers <n>', 'worker threads (0 = main thread; results are identical at any count)')
    .option('--set <name=value>', 'override an input, repeatable', collect, [])
    .option('-o, --out <dir>', 'folder for discover.json; a run folder gets it beside result.json')
    .option('--force', 'overwrite a non-empty --out folder')
    .option('--json', 'print discover.json instead of the summary')
    .action(lazy(async () => (await import('./discoverCommand.js')).discoverCommand));

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
    .action(lazy(async () => (await import('./compareCommands.js')).compareCommand));

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
    .action(lazy(async () => (await import('./compareCommands.js')).sweepCommand));

  program
    .command('replay')
    .description('reproduce one trajectory of a run exactly: its inputs and outputs as JSON (a model error is raised again)')
    .argument('<run-folder>', 'a folder written by forecast run')
    .requiredOption('--trajectory <k>', 'the trajectory index')
    .action(lazy(async () => (await import('./replayCommand.js')).replayCommand));

  program
    .command('report')
    .description('write report.html (the dashboard) into a run folder')
    .argument('<run-folder>', 'a folder written by forecast run')
    .action(lazy(async () => (await import('./reportCommand.js')).reportCommand));

  program
    .command('validate')
    .description('check scenario files without running them')
    .argument('<scenarios...>', 'scenario files')
    .option('--set <name=value>', 'input override to check as well, repeatable', collect, [])
    .action(lazy(async () => (await import('./infoCommands.js')).validateCommand));

  program
    .command('list')
    .description('list built-in models and distribution families')
    .option('--model <name>', 'list one model\'s inputs, series and scalars')
    .action(lazy(async () => (await import('./infoCommands.js')).listCommand));

  program
    .command('schema')
    .description('print the JSON Schema of scenario files (or of result.json with --result)')
    .option('--result', 'the schema of result.json instead')
    .action(lazy(async () => (await import('./infoCommands.js')).schemaCommand));

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
