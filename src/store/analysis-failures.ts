import type { Kysely } from 'kysely';
import type { AnalysisFailure } from '../core/ports.ts';
import type { Database } from './schema.ts';

/** Records (or replaces) the failure of one input, stamped with `failedAt`. */
export async function recordAnalysisFailure(
  db: Kysely<Database>,
  failure: Omit<AnalysisFailure, 'failedAt'>,
  failedAt: string,
): Promise<void> {
  const row = {
    key: failure.key,
    content_hash: failure.contentHash,
    analysis_version: failure.analysisVersion,
    reason: failure.reason,
    failed_at: failedAt,
  };
  await db
    .insertInto('analysis_failures')
    .values(row)
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet({
        content_hash: row.content_hash,
        analysis_version: row.analysis_version,
        reason: row.reason,
        failed_at: row.failed_at,
      }),
    )
    .execute();
}

/** The failure recorded for `key` under the rules `analysisVersion`, if any. */
export async function findAnalysisFailure(
  db: Kysely<Database>,
  key: string,
  analysisVersion: number,
): Promise<AnalysisFailure | undefined> {
  const row = await db
    .selectFrom('analysis_failures')
    .selectAll()
    .where('key', '=', key)
    .where('analysis_version', '=', analysisVersion)
    .executeTakeFirst();
  return (
    row && {
      key: row.key,
      contentHash: row.content_hash,
      analysisVersion: row.analysis_version,
      reason: row.reason,
      failedAt: row.failed_at,
    }
  );
}

/** Forgets the failure recorded for `key`. */
export async function clearAnalysisFailure(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('analysis_failures').where('key', '=', key).execute();
}
