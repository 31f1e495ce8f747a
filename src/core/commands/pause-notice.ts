/** The one notice a channel gets when its subscription is paused: why, and how to resume. */
import type { Subscription } from '../ports.ts';
import { typedCommand } from './command-syntax.ts';

/** "newsdesk paused the digest … because …; fix that, then /resume id" in the channel's platform syntax. */
export function pauseNotice(
  subscription: Pick<Subscription, 'id' | 'cron' | 'timezone' | 'platform'>,
  reason: string,
): string {
  const resume = typedCommand(subscription.platform, 'resume', [['id', subscription.id]]);
  return `newsdesk paused this channel's digest subscription ${subscription.id} ("${subscription.cron}", ${subscription.timezone}): ${reason}. When that is fixed, someone who may manage the channel can run ${resume} to resume it.`;
}
