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

/** Imports each selected benchmark and runs it in turn; returns the exit code. */
export async function main(filters: readonly string[]): Promise<number> {
  const selected = selectBenchmarks(readdirSync(benchDir), filters);
  if (selected.length === 0) {
    process.stderr.write(`bench: no benchmark matches ${filters.join(' ')}\n`);
    return 1;
  }
  for (const file of selected) {
    process.stdout.write(`\n== ${file.replace(/\.bench\.ts$/, '')} ==\n`);
    const module = (await import(pathToFileURL(join(benchDir, file)).href)) as Partial<Benchmark>;
    if (typeof module.run !== 'function') {
      process.stderr.write(`bench: ${file} exports no run()\n`);
      return 1;
    }
    await module.run();
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
