/**
 * Events API deliveries seen recently, by `event_id`: Slack redelivers an event (retry_num /
 * X-Slack-Retry-Num) when an ack was late, and newsdesk must answer it once.
 */

/** A bounded set of event ids, each forgotten after `ttlMs` (Slack retries within about 5 minutes). */
export class SeenEvents {
  readonly #seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = 15 * 60_000,
    private readonly maxSize = 10_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Records `eventId`; true the first time it is seen within the TTL, false for a redelivery. */
  firstSighting(eventId: string): boolean {
    const now = this.now();
    const seenAt = this.#seen.get(eventId);
    if (seenAt !== undefined && now - seenAt < this.ttlMs) return false;
    this.#seen.delete(eventId);
    this.#seen.set(eventId, now);
    this.#evict(now);
    return true;
  }

  #evict(now: number): void {
    // Map keeps insertion order, so the oldest entries come first.
    for (const [id, at] of this.#seen) {
      if (this.#seen.size <= this.maxSize && now - at < this.ttlMs) break;
      this.#seen.delete(id);
    }
  }
}
