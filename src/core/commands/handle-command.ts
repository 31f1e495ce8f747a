import {
  errorReply,
  handleActors,
  handleArticles,
  handleBackground,
  handleDigest,
  handleFeeds,
  handleHelp,
  handleQuotes,
  handleSubscribe,
  handleSubscriptions,
  handleUnsubscribe,
} from './handlers.ts';
import type { CommandContext, CommandDeps, CommandReply, CommandRequest } from './types.ts';

function dispatch(
  request: CommandRequest,
  context: CommandContext,
  deps: CommandDeps,
): Promise<CommandReply> {
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
      return handleArticles(deps);
    case 'subscribe':
      return handleSubscribe(options, context, deps);
    case 'unsubscribe':
      return handleUnsubscribe(options, context, deps);
    case 'subscriptions':
      return handleSubscriptions(context, deps);
    case 'feeds':
      return handleFeeds(options, context, deps);
    case 'help':
      return Promise.resolve(handleHelp(request.unrecognized));
  }
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
    return await dispatch(request, context, deps);
  } catch (error) {
    deps.logger.error(
      {
        err: error,
        code: 'internal_error',
        cause: causeCode(error),
        command: request.name,
        options: request.options,
        platform: context.platform,
        workspaceId: context.workspaceId,
        channelId: context.channelId,
        userId: context.userId,
      },
      'command failed',
    );
    return errorReply(
      'internal_error',
      `Sorry, /${request.name} failed on my side. It has been logged (code internal_error); please try again.`,
    );
  }
}
