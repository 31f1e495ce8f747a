/**
 * Acknowledgements before answers: Discord drops an interaction not acknowledged within 3 s, so
 * under a burst the bot sends every pending deferral before it spends time on answers.
 */

/** Tracks in-flight acknowledgements; answers wait until none is left (or `maxWaitMs` passed). */
export class AcknowledgementsFirst {
  #pending = 0;
  #waiters: (() => void)[] = [];

  /** `maxWaitMs` bounds the wait, so a steady stream of new interactions never starves the answers. */
  constructor(private readonly maxWaitMs = 500) {}

  /** Runs one acknowledgement (a deferral or an autocomplete answer), counting it while in flight. */
  async acknowledge<T>(send: () => Promise<T>): Promise<T> {
    this.#pending += 1;
    try {
      return await send();
    } finally {
      this.#pending -= 1;
      if (this.#pending === 0) this.#release();
    }
  }

  /** Resolves once no acknowledgement is in flight, or after `maxWaitMs`. */
  settled(): Promise<void> {
    if (this.#pending === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.maxWaitMs);
      const waiters = this.#waiters;
      function done() {
        clearTimeout(timer);
        const at = waiters.indexOf(done);
        if (at >= 0) waiters.splice(at, 1);
        resolve();
      }
      waiters.push(done);
    });
  }

  #release(): void {
    for (const done of this.#waiters.splice(0)) done();
  }
}
