import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A benchmark module: `bench/NAME.bench.ts` exporting `run`. */
interface Benchmark {
  run: () => Promise<void>;
}

const benchDir = dirname(fileURLToPath(import.meta.url));

/** The benchmark files, sorted; only those whose name contains one of `filters` when any are given. */
export function selectBenchmarks(files: readonly string[], filters: readonly string[]): string[] {
  return files
    .filter((file) => file.endsWith('.bench.ts'))
    .filter((file) => filters.length === 0 || filters.some((word) => file.includes(word)))
    .sort();
}

/** Imports one benchmark file and runs it; returns the exit code. */
async function runOne(file: string): Promise<number> {
  const module = (await import(pathToFileURL(join(benchDir, file)).href)) as Partial<Benchmark>;
  if (typeof module.run !== 'function') {
    process.stderr.write(`bench: ${file} exports no run()\n`);
    return 1;
  }
  await module.run();
  return 0;
}

/**
 * Runs each selected benchmark in a process of its own, so one benchmark's memory high-water mark
 * (a 120k-paragraph input, say) is never read as the next one's peak RSS; returns the exit code.
 */
export async function main(filters: readonly string[]): Promise<number> {
  const selected = selectBenchmarks(readdirSync(benchDir), filters);
  if (selected.length === 0) {
    process.stderr.write(`bench: no benchmark matches ${filters.join(' ')}\n`);
    return 1;
  }
  let exitCode = 0;
  for (const file of selected) {
    process.stdout.write(`\n== ${file.replace(/\.bench\.ts$/, '')} ==\n`);
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), ONLY, file],
      {
        stdio: 'inherit',
      },
    );
    if (child.status !== 0) exitCode = 1;
  }
  return exitCode;
}

/** The flag a child process gets: run exactly this benchmark file, here. */
const ONLY = '--only-file';

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  process.exitCode = args[0] === ONLY && args[1] ? await runOne(args[1]) : await main(args);
}
