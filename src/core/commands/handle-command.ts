import { DEFAULT_WORKSPACE_POLICY } from '../ports.ts';
import {
  errorReply,
  handleActors,
  handleArticles,
  handleBackground,
  handleDigest,
  handleFeeds,
  handleHelp,
  handleQuotes,
} from './handlers.ts';
import { echo, overlongOption } from './limits.ts';
import { mayNeedManageRights, needsManageRights, refusalText } from './permissions.ts';
import {
  handleDigestNow,
  handleResume,
  handleSubscribe,
  handleSubscriptions,
  handleUnsubscribe,
} from './subscriptions.ts';
import { workspaceOf } from './tenancy.ts';
import type { CommandContext, CommandDeps, CommandReply, CommandRequest, TenantDeps } from './types.ts';

function dispatch(request: CommandRequest, context: CommandContext, deps: TenantDeps): Promise<CommandReply> {
  const { options } = request;
  switch (request.name) {
    case 'digest':
      return handleDigest(options, deps);
    case 'quotes':
      return handleQuotes(options, deps);
    case 'background':
      return handleBackground(options, deps);
    case 'actors':
      return handleActors(options, deps);
    case 'articles':
      return handleArticles(options, deps);
    case 'subscribe':
      return handleSubscribe(options, context, deps);
    case 'unsubscribe':
      return handleUnsubscribe(options, context, deps);
    case 'subscriptions':
      return handleSubscriptions(options, context, deps);
    case 'resume':
      return handleResume(options, context, deps);
    case 'digest-now':
      return handleDigestNow(options, context, deps);
    case 'feeds':
      return handleFeeds(options, context, deps);
    case 'help':
      return Promise.resolve(handleHelp(deps.platform, request.unrecognized));
  }
}

/**
 * Checks what every command must pass before its handler runs: the option length caps, then the
 * permission table (the workspace's policy is read only when the command could need it).
 */
async function gate(
  request: CommandRequest,
  context: CommandContext,
  deps: TenantDeps,
): Promise<CommandReply | undefined> {
  const tooLong = overlongOption(request);
  if (tooLong) return errorReply('too_long', tooLong);
  if (context.canManageChannel || !mayNeedManageRights(request, context.directMessage)) return undefined;
  const policy = deps.policies
    ? await deps.policies.workspacePolicy(deps.workspace)
    : { ...DEFAULT_WORKSPACE_POLICY };
  if (needsManageRights(request, { directMessage: context.directMessage, policy }))
    return errorReply('not_allowed', refusalText(request));
  return undefined;
}

/** The deps as the context's workspace sees them: every article read goes through its view. */
function tenantDeps(context: CommandContext, deps: CommandDeps): TenantDeps {
  const workspace = workspaceOf(context);
  return { ...deps, workspace, platform: context.platform, articles: deps.articles.visibleTo(workspace) };
}

/** The machine-readable code of an unexpected error (a driver's `code` such as SQLITE_BUSY), if any. */
function causeCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code } = error as { code: unknown };
    if (typeof code === 'string' || typeof code === 'number') return String(code);
  }
  return undefined;
}

/**
 * Runs one command and always answers: expected failures come back as error replies from the
 * handlers; anything unexpected is logged with its context and answered with a short apology
 * carrying the stable code `internal_error`, never a stack trace.
 */
export async function handleCommand(
  request: CommandRequest,
  context: CommandContext,
  deps: CommandDeps,
): Promise<CommandReply> {
  try {
    const tenant = tenantDeps(context, deps);
    return (await gate(request, context, tenant)) ?? (await dispatch(request, context, tenant));
  } catch (error) {
    deps.logger.error(
      {
        err: error,
        code: 'internal_error',
        cause: causeCode(error),
        command: request.name,
        // Options can be long (a pasted page): the log keeps their beginnings.
        options: Object.fromEntries(
          Object.entries(request.options).map(([name, value]) => [
            name,
            value === undefined ? value : echo(value),
          ]),
        ),
        platform: context.platform,
        workspaceId: context.workspaceId,
        channelId: context.channelId,
        userId: context.userId,
      },
      'command failed',
    );
    const retryable = (error as { retryable?: unknown } | null)?.retryable === true;
    return errorReply(
      'internal_error',
      retryable
        ? `Sorry, /${request.name} could not reach the database just now; please try again in a moment.`
        : `Sorry, /${request.name} failed on my side. It has been logged (code internal_error); please try again.`,
    );
  }
}
