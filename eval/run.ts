import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { runActorEval } from './actors.ts';
import { runIdentityEval } from './identity.ts';
import { runSummaryEval } from './summaries.ts';

/** The repository root: eval/ sits directly inside it. */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The PolNeAR files the quote evaluation reads by default: the split the model is fitted on, and dev. */
const DEFAULT_QUOTES = ['../shared/data/polnear-train.jsonl', '../shared/data/polnear-dev.jsonl'];

/** The quote evaluation's entry point, provided by eval/quotes.ts when it exists. */
type QuoteEval = (paths: readonly string[]) => Promise<string>;

async function loadQuoteEval(): Promise<QuoteEval | null> {
  const file = resolve(repoRoot, 'eval/quotes.ts');
  if (!existsSync(file)) return null;
  const module = (await import(pathToFileURL(file).href)) as { runQuoteEval?: QuoteEval };
  return module.runQuoteEval ?? null;
}

/**
 * Runs the summary evaluation, then the quote evaluation where eval/quotes.ts exists (PolNeAR train
 * and dev side by side unless `--quotes` names files); returns the exit code.
 */
export async function main(argv: string[]): Promise<number> {
  let values: { summaries?: string | undefined; quotes?: string[] | undefined };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { summaries: { type: 'string' }, quotes: { type: 'string', multiple: true } },
    }));
  } catch (error) {
    process.stderr.write(
      `eval: ${(error as Error).message}\nUsage: tsx eval/run.ts [--summaries PATH] [--quotes PATH]...\n`,
    );
    return 2;
  }
  const summariesPath = resolve(values.summaries ?? resolve(repoRoot, '../shared/data/cnndm-dev.jsonl'));
  const quotesPaths =
    values.quotes?.map((path) => resolve(path)) ?? DEFAULT_QUOTES.map((path) => resolve(repoRoot, path));

  const runQuoteEval = await loadQuoteEval();
  const needed = runQuoteEval === null ? [summariesPath] : [summariesPath, ...quotesPaths];
  for (const path of needed) {
    if (!existsSync(path)) {
      process.stderr.write(`eval: data file not found: ${path}\n`);
      return 1;
    }
  }
  const summaries = await runSummaryEval(summariesPath);
  if (!summaries.ok) {
    process.stderr.write(`eval: ${summaries.error}\n`);
    return 1;
  }
  process.stdout.write(`${summaries.value}\n`);
  if (runQuoteEval === null) {
    process.stdout.write('\nQuotes: eval/quotes.ts is not there yet; skipped.\n');
    return 0;
  }
  process.stdout.write(`\n${await runQuoteEval(quotesPaths)}\n`);
  process.stdout.write(`\n${await runIdentityEval(quotesPaths)}\n`);
  const actorsPath = resolve(repoRoot, '../shared/data/conll-dev.jsonl');
  if (existsSync(actorsPath)) process.stdout.write(`\n${await runActorEval(actorsPath)}\n`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
