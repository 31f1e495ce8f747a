import { createInterface } from 'node:readline';
import { parseSlashCommand } from '../../core/commands/command-text.ts';
import { parseMention } from '../../core/commands/mention.ts';
import { renderReplyAsText } from '../../core/commands/render-text.ts';
import type { CommandReply, CommandRequest } from '../../core/commands/types.ts';

/**
 * What one typed line asks for: a command, the next page of the last reply, leaving, or nothing
 * (a blank line or a comment).
 */
export type ConsoleLine =
  | { kind: 'command'; request: CommandRequest }
  | { kind: 'more' }
  | { kind: 'quit' }
  | { kind: 'none' };

/**
 * Reads one console line: "/quotes Xi" is a slash command, "@newsdesk who is Qin Gang?" (or any
 * other text) a mention, "exit"/"quit" ends the prompt, blank lines and "#" comments do nothing.
 */
export function readConsoleLine(line: string, botNames: readonly string[]): ConsoleLine {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return { kind: 'none' };
  if (/^(?:exit|quit|\/exit|\/quit)$/i.test(text)) return { kind: 'quit' };
  if (/^\/?(?:more|next)$/i.test(text)) return { kind: 'more' };
  const slash = parseSlashCommand(text);
  return { kind: 'command', request: slash ?? parseMention(text, botNames) };
}

/** The command a number typed after a choice picks ("2" after "which Clinton?"), if it is one. */
export function choiceAnswer(choice: CommandReply | undefined, line: string): CommandRequest | undefined {
  if (choice?.kind !== 'choice' || !/^\s*\d{1,2}\s*$/u.test(line)) return undefined;
  const option = choice.options[Number(line.trim()) - 1];
  return option ? { name: choice.command, options: { actor: option.name } } : undefined;
}

/** How the console prompt reads, answers and writes. */
export interface ConsolePromptOptions {
  input: NodeJS.ReadableStream;
  /** Where the prompt and answers go (stdout). */
  output: NodeJS.WritableStream;
  /** A terminal: show a prompt; otherwise echo each command before its answer, for scripted runs. */
  interactive: boolean;
  botNames: readonly string[];
  /** Runs a command (handleCommand with the console's context and the real ports). */
  answer(request: CommandRequest): Promise<CommandReply>;
}

/** How a prompt ended: end of input, "exit" typed, Ctrl+C in a terminal, or {@link ConsolePrompt.close}. */
export type ConsoleEnd = 'end of input' | 'exit' | 'interrupt' | 'closed';

/** A running prompt: `done` settles with how it ended. */
export interface ConsolePrompt {
  done: Promise<ConsoleEnd>;
  close(): void;
}

/**
 * Whether the console platform runs: CONSOLE=on or off says so; `auto` runs it when it is the only
 * platform or stdin is a terminal (so systemd, `docker run` without -i or nohup never read stdin).
 */
export function consoleRuns(
  mode: 'auto' | 'on' | 'off',
  chatPlatformConfigured: boolean,
  stdinIsTerminal: boolean,
): boolean {
  if (mode !== 'auto') return mode === 'on';
  return !chatPlatformConfigured || stdinIsTerminal;
}

/** The request of the page after a paged reply, if it has one. */
function nextPageOf(reply: CommandReply): CommandRequest | undefined {
  const paged = reply.kind === 'quotes' || reply.kind === 'background' || reply.kind === 'articles';
  return paged ? (reply.more ?? undefined) : undefined;
}

/**
 * Starts the console prompt. Lines are answered one at a time, in order, even when a pipe delivers
 * them all at once; the prompt ends at end of input.
 */
export function startConsolePrompt(options: ConsolePromptOptions): ConsolePrompt {
  const { input, output, interactive, botNames } = options;
  const lines = createInterface({ input, output, terminal: interactive, prompt: 'newsdesk> ' });
  const write = (text: string) => output.write(text);
  let end: ConsoleEnd = 'end of input';
  const closeWith = (how: ConsoleEnd) => {
    end = how;
    lines.close();
  };
  // In a terminal, readline takes Ctrl+C itself; without this it would only pause the input.
  lines.on('SIGINT', () => closeWith('interrupt'));
  const done = (async (): Promise<ConsoleEnd> => {
    if (interactive) {
      write('Ask away: /help lists the commands; "@newsdesk who is Qin Gang?" works too; "exit" leaves.\n');
      lines.prompt();
    }
    // The last choice offered ("which Clinton?"): a number typed next answers it.
    let choice: CommandReply | undefined;
    // The next page of the last paged reply, for a typed "more".
    let more: CommandRequest | undefined;
    for await (const line of lines) {
      const picked = choiceAnswer(choice, line);
      const read: ConsoleLine = picked
        ? { kind: 'command', request: picked }
        : readConsoleLine(line, botNames);
      if (read.kind === 'quit') {
        end = 'exit';
        break;
      }
      if (read.kind !== 'none' && !interactive) write(`> ${line.trim()}\n`);
      const request = read.kind === 'more' ? more : read.kind === 'command' ? read.request : undefined;
      if (read.kind === 'more' && request === undefined) write('Nothing more to show.\n\n');
      if (request !== undefined) {
        const reply = await options.answer(request);
        choice = reply.kind === 'choice' ? reply : undefined;
        more = nextPageOf(reply);
        write(`${renderReplyAsText(reply)}\n\n`);
      }
      if (interactive) lines.prompt();
    }
    lines.close();
    return end;
  })();
  return { done, close: () => closeWith('closed') };
}
