/**
 * Answers to interactions (edit the deferred reply, follow up, delete it) through a REST client of
 * their own. Discord does not count interaction endpoints against the bot's global rate limit
 * (50 requests a second), but discord.js's shared REST client does: under a burst of 200 commands
 * its answers went out 50 a second, the last one four seconds after dispatch. Per-route limits
 * still hold: the handler reads each answer's rate-limit headers as usual.
 */
import { REST, Routes } from 'discord.js';
import { NO_MENTIONS } from './channel.ts';
import type { DiscordMessage } from './embeds.ts';

/**
 * The preemptive global budget of the interaction client: high enough never to queue a burst of
 * answers (Discord sets none for these endpoints), finite so a runaway loop is still paced.
 */
const INTERACTION_REQUESTS_PER_SECOND = 10_000;

/** Message flag: only the asker sees it. */
const EPHEMERAL_FLAG = 1 << 6;

/** Sends answers to interactions of one application; see the file comment. */
export class InteractionReplies {
  readonly #rest: REST;
  readonly #applicationId: string;

  constructor(applicationId: string, apiUrl: string | undefined) {
    this.#applicationId = applicationId;
    this.#rest = new REST({
      version: '10',
      globalRequestsPerSecond: INTERACTION_REQUESTS_PER_SECOND,
      ...(apiUrl ? { api: apiUrl.replace(/\/+$/, '') } : {}),
    });
  }

  /** Replaces the deferred reply ("thinking…") with `message`. */
  async editOriginal(token: string, message: DiscordMessage): Promise<void> {
    await this.#rest.patch(Routes.webhookMessage(this.#applicationId, token, '@original'), {
      body: body(message),
      auth: false,
    });
  }

  /** Posts a further message under the interaction. */
  async followUp(token: string, message: DiscordMessage, ephemeral: boolean): Promise<void> {
    await this.#rest.post(Routes.webhook(this.#applicationId, token), {
      body: { ...body(message), ...(ephemeral ? { flags: EPHEMERAL_FLAG } : {}) },
      auth: false,
    });
  }

  /** Removes the deferred reply. */
  async deleteOriginal(token: string): Promise<void> {
    await this.#rest.delete(Routes.webhookMessage(this.#applicationId, token, '@original'), {
      auth: false,
    });
  }

  /** Stops the client's sweeper timers. */
  stop(): void {
    this.#rest.clearHashSweeper();
    this.#rest.clearHandlerSweeper();
  }
}

function body(message: DiscordMessage): Record<string, unknown> {
  return {
    ...(message.content ? { content: message.content } : {}),
    embeds: message.embeds,
    ...(message.components ? { components: message.components } : {}),
    allowed_mentions: { parse: NO_MENTIONS.parse },
  };
}
