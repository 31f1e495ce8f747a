/**
 * The subscription commands: `/subscribe`, `/unsubscribe`, `/subscriptions [list|edit|test]`,
 * `/resume` and `/digest-now`. Every hint names the command in the asking platform's syntax.
 */
import type { ChannelRef, Subscription } from '../ports.ts';
import { err, ok, type Result } from '../result.ts';
import { composeSlotDelivery, DEFAULT_SLOT_SCAN, scanSlot } from '../schedule/slot-digest.ts';
import { checkFiresSoon, compileSchedule, nextSlots } from '../schedule/slots.ts';
import { isTimeZone } from '../schedule/time-zone.ts';
import { typedCommand } from './command-syntax.ts';
import { errorReply } from './handlers.ts';
import { echo } from './limits.ts';
import { editDistance, MAX_SUGGESTIONS } from './lookup.ts';
import { subscriptionsAction } from './permissions.ts';
import { applySubscriptionOptions, hasSubscriptionOptions } from './subscription-options.ts';
import type { CommandContext, CommandOptions, CommandReply, SubscriptionLine, TenantDeps } from './types.ts';

/** Due times a subscription line shows. */
const NEXT_RUNS = 3;

/** What `/subscriptions` does. */
const SUBSCRIPTIONS_ACTIONS = ['list', 'edit', 'test'] as const;

function channelOf(context: CommandContext): ChannelRef {
  return { platform: context.platform, workspaceId: context.workspaceId, channelId: context.channelId };
}

/** A subscription as replies show it, with its next due times from `now`. */
export function subscriptionLine(subscription: Subscription, now: Date): SubscriptionLine {
  const { id, cron, timezone, options, pausedReason, createdBy, createdAt } = subscription;
  const schedule = compileSchedule(cron, timezone);
  const nextRuns = schedule.ok ? nextSlots(schedule.value, now, NEXT_RUNS).map((at) => at.toISOString()) : [];
  return { id, cron, timezone, options, nextRuns, pausedReason, createdBy, createdAt };
}

/** Time zones nearest to a mistyped one ("Europe/Berln" -> Europe/Berlin). */
function timeZoneSuggestions(name: string): string[] {
  const wanted = name.toLowerCase();
  return Intl.supportedValuesOf('timeZone')
    .map((zone) => ({ zone, distance: editDistance(wanted, zone.toLowerCase()) }))
    .filter((entry) => entry.distance <= 2)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, MAX_SUGGESTIONS)
    .map((entry) => entry.zone);
}

/** The example `/subscribe` in the platform's syntax. */
function subscribeExample(deps: TenantDeps): string {
  return typedCommand(deps.platform, 'subscribe', [
    ['schedule', '0 8 * * 1-5'],
    ['timezone', 'Europe/Berlin'],
  ]);
}

/** The validated schedule and time zone of a `/subscribe`, or the error reply. */
function readSchedule(
  options: CommandOptions,
  deps: TenantDeps,
): Result<{ cron: string; timezone: string }, CommandReply> {
  const cron = (options.schedule ?? '').trim().split(/\s+/).join(' ');
  if (cron === '')
    return err(errorReply('missing_option', `Give a schedule, e.g. ${subscribeExample(deps)}.`));
  const timezone = options.timezone?.trim() || deps.defaultTimezone;
  const compiled = compileSchedule(cron, isTimeZone(timezone) ? timezone : 'UTC');
  if (!compiled.ok) return err(errorReply('bad_schedule', `That schedule does not work: ${compiled.error}.`));
  if (!isTimeZone(timezone)) {
    return err(
      errorReply(
        'bad_timezone',
        `“${echo(timezone)}” is not a time zone I know; use an IANA name such as Europe/Berlin.`,
        timeZoneSuggestions(timezone),
      ),
    );
  }
  const never = checkFiresSoon(compiled.value, deps.clock.now());
  if (never) return err(errorReply('bad_schedule', `That schedule does not work: ${never}.`));
  return ok({ cron, timezone });
}

/**
 * `/subscribe schedule [timezone] [options]`: digests here on a cron schedule. The same schedule
 * again with options changes them; `/subscribe id:… options` edits that subscription.
 * Nothing is saved on a bad input.
 */
export async function handleSubscribe(
  options: CommandOptions,
  context: CommandContext,
  deps: TenantDeps,
): Promise<CommandReply> {
  if (options.id !== undefined && options.schedule === undefined)
    return editSubscription(options, context, deps);
  const schedule = readSchedule(options, deps);
  if (!schedule.ok) return schedule.error;
  const typed = applySubscriptionOptions({}, options);
  if (!typed.ok) return errorReply('bad_option', `That option does not work: ${typed.error}.`);
  const { subscription, created } = await deps.subscriptions.addSubscription({
    ...channelOf(context),
    ...schedule.value,
    options: typed.value,
    createdBy: context.userId,
  });
  const now = deps.clock.now();
  if (created || !hasSubscriptionOptions(options)) {
    return {
      kind: 'subscribed',
      ephemeral: false,
      subscription: subscriptionLine(subscription, now),
      outcome: created ? 'created' : 'unchanged',
    };
  }
  return updateOptions(subscription, options, deps);
}

async function updateOptions(
  subscription: Subscription,
  options: CommandOptions,
  deps: TenantDeps,
): Promise<CommandReply> {
  const changed = applySubscriptionOptions(subscription.options, options);
  if (!changed.ok) return errorReply('bad_option', `That option does not work: ${changed.error}.`);
  const updated = await deps.subscriptions.updateSubscriptionOptions(subscription.id, changed.value);
  if (!updated) return errorReply('subscription_not_found', `Subscription ${subscription.id} is gone.`);
  return {
    kind: 'subscribed',
    ephemeral: false,
    subscription: subscriptionLine(updated, deps.clock.now()),
    outcome: 'updated',
  };
}

/**
 * The subscription of this channel a command names by `id`, or its only one when none is named;
 * otherwise an error listing the channel's ids.
 */
async function pickSubscription(
  options: CommandOptions,
  context: CommandContext,
  deps: TenantDeps,
): Promise<Result<Subscription, CommandReply>> {
  const existing = await deps.subscriptions.listSubscriptions(channelOf(context));
  const id = options.id?.trim() ?? '';
  const ids = existing.map((subscription) => subscription.id);
  if (existing.length === 0)
    return err(
      errorReply(
        'subscription_not_found',
        `This channel has no subscriptions. Add one with ${subscribeExample(deps)}.`,
      ),
    );
  const found =
    id === '' && existing.length === 1
      ? existing[0]
      : existing.find((subscription) => subscription.id === id);
  if (found) return ok(found);
  const text =
    id === ''
      ? `This channel has ${existing.length} subscriptions; name one by its id.`
      : `This channel has no subscription “${echo(id)}”.`;
  return err(errorReply(id === '' ? 'missing_option' : 'subscription_not_found', text, ids));
}

/** `/subscriptions edit [id] options`: changes a subscription's options. */
async function editSubscription(
  options: CommandOptions,
  context: CommandContext,
  deps: TenantDeps,
): Promise<CommandReply> {
  const picked = await pickSubscription(options, context, deps);
  if (!picked.ok) return picked.error;
  if (!hasSubscriptionOptions(options)) {
    const example = typedCommand(deps.platform, 'subscriptions', [
      ['action', 'edit'],
      ['id', picked.value.id],
      ['articles', '3'],
      ['keywords', 'Xi,Biden'],
    ]);
    return errorReply(
      'missing_option',
      `Say what to change: keywords, sources, articles, summary or quiet, e.g. ${example}.`,
    );
  }
  return updateOptions(picked.value, options, deps);
}

/** `/unsubscribe [id]`: removes one of this channel's subscriptions, or all of them. */
export async function handleUnsubscribe(
  options: CommandOptions,
  context: CommandContext,
  deps: TenantDeps,
): Promise<CommandReply> {
  const existing = await deps.subscriptions.listSubscriptions(channelOf(context));
  const id = options.id?.trim() ?? '';
  const targets = id === '' ? existing : existing.filter((subscription) => subscription.id === id);
  if (existing.length === 0)
    return { kind: 'notice', ephemeral: true, text: 'This channel has no subscriptions.', suggestions: [] };
  if (targets.length === 0) {
    return errorReply(
      'subscription_not_found',
      `This channel has no subscription “${echo(id)}”.`,
      existing.map((subscription) => subscription.id),
    );
  }
  const now = deps.clock.now();
  const removed: SubscriptionLine[] = [];
  for (const subscription of targets) {
    if (await deps.subscriptions.removeSubscription(subscription.id))
      removed.push(subscriptionLine(subscription, now));
  }
  return { kind: 'unsubscribed', ephemeral: false, removed };
}

/** `/subscriptions [list|edit|test] [id] [options]`: this channel's schedules, or change or try one. */
export async function handleSubscriptions(
  options: CommandOptions,
  context: CommandContext,
  deps: TenantDeps,
): Promise<CommandReply> {
  const action = subscriptionsAction(options);
  if (action === 'edit') return editSubscription(options, context, deps);
  if (action === 'test') return handleDigestNow(options, context, deps);
  if (action !== 'list') {
    return errorReply(
      'bad_action',
      `“${echo(action)}” is not a subscriptions action; use list, edit or test.`,
      [...SUBSCRIPTIONS_ACTIONS],
    );
  }
  const channel = channelOf(context);
  const now = deps.clock.now();
  const subscriptions = await deps.subscriptions.listSubscriptions(channel);
  return {
    kind: 'subscriptions',
    ephemeral: true,
    channel,
    subscriptions: subscriptions.map((subscription) => subscriptionLine(subscription, now)),
  };
}

/**
 * `/resume [id]`: resumes this channel's paused subscriptions (or the one named), once the platform
 * says newsdesk can post here again.
 */
export async function handleResume(
  options: CommandOptions,
  context: CommandContext,
  deps: TenantDeps,
): Promise<CommandReply> {
  const channel = channelOf(context);
  const existing = await deps.subscriptions.listSubscriptions(channel);
  const id = options.id?.trim() ?? '';
  const named = existing.filter((subscription) => subscription.id === id);
  if (id !== '' && named.length === 0) {
    return errorReply(
      'subscription_not_found',
      `This channel has no subscription “${echo(id)}”.`,
      existing.map((subscription) => subscription.id),
    );
  }
  const paused = (id === '' ? existing : named).filter((subscription) => subscription.pausedReason !== null);
  if (paused.length === 0) {
    const what =
      existing.length === 0
        ? 'This channel has no subscriptions.'
        : 'Nothing to resume: no subscription here is paused.';
    return { kind: 'notice', ephemeral: true, text: what, suggestions: [] };
  }
  const access = (await deps.checkAccess?.(channel)) ?? { ok: true };
  if (!access.ok) {
    return errorReply(
      'cannot_post',
      `newsdesk still cannot post here (${access.reason}), so the subscription stays paused. Fix that, then run ${typedCommand(deps.platform, 'resume', id === '' ? [] : [['id', id]])} again.`,
    );
  }
  const now = deps.clock.now();
  const resumed: SubscriptionLine[] = [];
  for (const subscription of paused) {
    if (await deps.subscriptions.resumeSubscription(subscription.id))
      resumed.push(subscriptionLine({ ...subscription, pausedReason: null }, now));
  }
  return { kind: 'resumed', ephemeral: false, resumed };
}

/**
 * `/digest-now [id]` (also `/subscriptions test`): what the subscription's next slot would post,
 * from the same articles and options, without moving its cursor.
 */
export async function handleDigestNow(
  options: CommandOptions,
  context: CommandContext,
  deps: TenantDeps,
): Promise<CommandReply> {
  if (!deps.deliveries) return errorReply('not_available', 'This newsdesk cannot preview digests.');
  const picked = await pickSubscription(options, context, deps);
  if (!picked.ok) return picked.error;
  const subscription = picked.value;
  const scan = deps.slotScan ?? DEFAULT_SLOT_SCAN;
  const previous = await deps.deliveries.lastDeliveredCursor(subscription.id);
  const source = {
    latestSeq: () => deps.articles.latestSeq(),
    since: (cursor: number) => deps.articles.articlesSince(cursor, scan.maxScan),
  };
  const { scanned, from } = await scanSlot(source, previous, scan);
  const delivery = composeSlotDelivery(scanned, previous ?? from, subscription.options);
  const message = delivery.message;
  if (message?.kind !== 'digest') {
    const nothing = `Nothing new for subscription ${subscription.id} since its last digest`;
    const posts = message
      ? `; its next slot would post “${message.text}”.`
      : '; its next slot would post nothing (quiet).';
    return { kind: 'notice', ephemeral: true, text: `${nothing}${posts}`, suggestions: [] };
  }
  const heading = `Preview of subscription ${subscription.id}'s next digest (nothing is marked as sent): ${message.digest.heading.replace(/^newsdesk digest: /, '')}`;
  return { kind: 'digest', ephemeral: false, digest: { ...message.digest, heading } };
}
