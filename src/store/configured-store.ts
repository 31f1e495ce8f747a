import { type Config, loadConfig } from '../config.ts';
import { openStore } from './open.ts';
import type { Store } from './store.ts';

/**
 * Runs an operator command on the store the configuration names (`DATABASE_URL`), closing it
 * afterwards; a configuration or database that cannot be opened is one line on stderr and exit 1.
 */
export async function withConfiguredStore(
  io: { stderr(text: string): void },
  run: (store: Store, config: Config) => Promise<number>,
): Promise<number> {
  const config = loadConfig();
  if (!config.ok) {
    io.stderr(`newsdesk: ${config.error}\n`);
    return 1;
  }
  const opened = await openStore(config.value.databaseUrl);
  if (!opened.ok) {
    io.stderr(`newsdesk: ${opened.error}\n`);
    return 1;
  }
  try {
    return await run(opened.value, config.value);
  } finally {
    await opened.value.close();
  }
}
