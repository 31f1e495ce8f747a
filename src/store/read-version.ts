import { sql, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Moves the `read_version` counter: every transaction that may change what an article read
 * answers runs it (article writes through `lockArticleWrites`, identity relinks in
 * `replaceSightingLinks`), so every process's read cache sees the change at its next version
 * check (see `read-cache.ts`).
 */
export async function bumpReadVersion(trx: Transaction<Database>): Promise<void> {
  await trx
    .updateTable('counters')
    .set({ value: sql`value + 1` })
    .where('name', '=', 'read_version')
    .execute();
}
