import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { DEFAULT_SUMMARY_SENTENCES } from './core/analysis/analyze.ts';
import type { Analysis } from './core/analysis/types.ts';
import { buildDigest } from './core/digest/digest.ts';
import { renderDigestAsText } from './core/digest/render-text.ts';
import { ACTORS_USAGE, runActorsCli } from './ingest/actors-cli.ts';
import { type AnalysisPool, createAnalysisPool } from './ingest/analysis-pool.ts';
import { listArticleFiles, readArticleFile } from './ingest/load-file.ts';
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
${ACTORS_USAGE}
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

/** Files read and analysed ahead of the one being printed: enough to keep every worker busy. */
const READ_AHEAD = 8;

/** The analysis of one file, or the line that says why there is none. */
type FileAnalysis = { ok: true; analysis: Analysis } | { ok: false; line: string };

/** Reads one file and analyses it in the pool (within its budget); never throws. */
async function analyseFile(
  file: string,
  pool: AnalysisPool,
  summarySentences: number,
): Promise<FileAnalysis> {
  const read = await readArticleFile(file);
  if (!read.ok) return { ok: false, line: read.error };
  const analysed = await pool.read(read.value, summarySentences);
  if (analysed.ok) return { ok: true, analysis: analysed.value.analysis };
  const { kind, reason } = analysed.error;
  return { ok: false, line: kind === 'refused' ? reason : `${file}: not analysed (${reason})` };
}

/** The files the paths name, in order; a path that cannot be listed, or a skipped entry, gets its line. */
async function filesOf(paths: readonly string[], io: CliIo): Promise<{ files: string[]; failed: boolean }> {
  const files: string[] = [];
  let failed = false;
  for (const path of paths) {
    const listed = await listArticleFiles(path);
    if (!listed.ok) {
      io.stderr(`newsdesk: ${listed.error}\n`);
      failed = true;
      continue;
    }
    for (const skipped of listed.value.skipped)
      io.stderr(`newsdesk: ${skipped}: skipped: not a regular file\n`);
    files.push(...listed.value.files);
  }
  return { files, failed };
}

/**
 * Runs the `analyze` subcommand; returns the process exit code (1 when any input failed or nothing
 * was read). Every file is parsed and analysed in the analysis pool, within ANALYSIS_TIMEOUT_MS
 * and the pool's heap cap, so no input can hang the command or run it out of memory.
 */
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
  const config = loadConfig();
  if (!config.ok) {
    io.stderr(`newsdesk: ${config.error}\n`);
    return 1;
  }
  const listed = await filesOf(paths, io);
  let failed = listed.failed;
  const analyses: Analysis[] = [];
  const pool = createAnalysisPool({ timeoutMs: config.value.analysisTimeoutMs });
  const report = (outcome: FileAnalysis) => {
    if (!outcome.ok) {
      io.stderr(`newsdesk: ${outcome.line}\n`);
      failed = true;
      return;
    }
    analyses.push(outcome.analysis);
    if (format === 'jsonl') io.stdout(`${JSON.stringify(outcome.analysis)}\n`);
  };
  try {
    const pending: Promise<FileAnalysis>[] = [];
    for (const file of listed.files) {
      pending.push(analyseFile(file, pool, summarySentences));
      if (pending.length >= READ_AHEAD) report(await (pending.shift() as Promise<FileAnalysis>));
    }
    for (const next of pending) report(await next);
  } finally {
    await pool.close();
  }
  if (analyses.length === 0) {
    // Never a silent `[]` or empty digest: say that nothing was read.
    io.stderr('newsdesk analyze: no article was read\n');
    return 1;
  }
  if (format === 'json') {
    const value = analyses.length === 1 ? analyses[0] : analyses;
    io.stdout(`${JSON.stringify(value, null, 2)}\n`);
  } else if (format === 'text') {
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
    case 'actors':
      return runActorsCli(rest, io);
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
