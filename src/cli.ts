import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { analyze, DEFAULT_SUMMARY_SENTENCES } from './core/analysis/analyze.ts';
import type { Analysis } from './core/analysis/types.ts';
import { cleanArticle } from './core/article/clean.ts';
import { buildDigest } from './core/digest/digest.ts';
import { renderDigestAsText } from './core/digest/render-text.ts';
import { listArticleFiles, loadArticleFile } from './ingest/load-file.ts';
import { runSourcesCli, SOURCES_USAGE } from './ingest/sources-cli.ts';
import { runPolicyCli, WORKSPACE_USAGE } from './store/policy-cli.ts';

const USAGE = `Usage:
  newsdesk analyze PATH... [--json | --jsonl] [--summary-sentences N]
      Analyse article files (.txt, .md, .html) or folders of them.
      --json    one JSON object (one article) or an array
      --jsonl   one JSON object per article per line, in input order
      (no flag) the digest as readable text
${SOURCES_USAGE}
${WORKSPACE_USAGE}
  newsdesk help`;

/** Streams the CLI writes to; passed in so tests can capture them. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Runs the `analyze` subcommand; returns the process exit code (1 when any input failed). */
export async function runAnalyze(args: string[], io: CliIo = processIo): Promise<number> {
  let parsed: ReturnType<typeof parseAnalyzeArgs>;
  try {
    parsed = parseAnalyzeArgs(args);
  } catch (error) {
    io.stderr(`newsdesk analyze: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { paths, format, summarySentences } = parsed;
  if (paths.length === 0) {
    io.stderr(`newsdesk analyze: no PATH given\n${USAGE}\n`);
    return 2;
  }
  let failed = false;
  const analyses: Analysis[] = [];
  for (const path of paths) {
    const files = await listArticleFiles(path);
    if (!files.ok) {
      io.stderr(`newsdesk: ${files.error}\n`);
      failed = true;
      continue;
    }
    for (const file of files.value) {
      const loaded = await loadArticleFile(file);
      if (!loaded.ok) {
        io.stderr(`newsdesk: ${loaded.error}\n`);
        failed = true;
        continue;
      }
      try {
        const analysis = analyze(cleanArticle(loaded.value), { summarySentences });
        analyses.push(analysis);
        if (format === 'jsonl') io.stdout(`${JSON.stringify(analysis)}\n`);
      } catch (error) {
        // One article the pipeline cannot handle must not stop the others.
        io.stderr(`newsdesk: ${file}: analysis failed (${(error as Error).message})\n`);
        failed = true;
      }
    }
  }
  if (format === 'json') {
    const value = analyses.length === 1 ? analyses[0] : analyses;
    io.stdout(`${JSON.stringify(value, null, 2)}\n`);
  } else if (format === 'text' && analyses.length > 0) {
    io.stdout(`${renderDigestAsText(buildDigest(analyses))}\n`);
  }
  return failed ? 1 : 0;
}

function parseAnalyzeArgs(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      jsonl: { type: 'boolean', default: false },
      'summary-sentences': { type: 'string' },
    },
  });
  if (values.json && values.jsonl) throw new Error('--json and --jsonl exclude each other');
  const rawCount = values['summary-sentences'];
  const summarySentences = rawCount === undefined ? DEFAULT_SUMMARY_SENTENCES : Number(rawCount);
  if (!Number.isInteger(summarySentences) || summarySentences < 1 || summarySentences > 50) {
    throw new Error(`--summary-sentences must be a whole number from 1 to 50, not "${rawCount}"`);
  }
  const format: 'json' | 'jsonl' | 'text' = values.json ? 'json' : values.jsonl ? 'jsonl' : 'text';
  return { paths: positionals, format, summarySentences };
}

/** Entry point of the `newsdesk` command line; returns the exit code. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'analyze':
      return runAnalyze(rest, io);
    case 'ingest':
    case 'feeds':
      return runSourcesCli(command, rest, io);
    case 'workspace':
      return runPolicyCli(rest, io);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      io.stderr(`newsdesk: unknown command "${command}"\n${USAGE}\n`);
      return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runCli(process.argv.slice(2));
}
