/**
 * `npm run register`: registers newsdesk's slash commands with Discord (guild commands when
 * DISCORD_GUILD_ID is set, for instant updates while developing; global otherwise) and prints the
 * invite URL. Exits 1 with one line when Discord is not configured or refuses.
 */
import { REST } from 'discord.js';
import { loadConfig } from '../../config.ts';
import { syncCommands } from './commands.ts';
import { inviteUrl } from './invite.ts';

/** Registers the commands of the configured application; resolves with the exit code. */
export async function registerFromConfig(write: (line: string) => void): Promise<number> {
  const config = loadConfig();
  if (!config.ok) {
    write(`register: ${config.error}`);
    return 1;
  }
  const discord = config.value.discord;
  if (!discord) {
    write('register: DISCORD_TOKEN and DISCORD_APPLICATION_ID must be set (in .env or the environment)');
    return 1;
  }
  const rest = new REST(discord.apiUrl ? { api: discord.apiUrl.replace(/\/+$/, '') } : {}).setToken(
    discord.token,
  );
  const scope = discord.guildId
    ? { kind: 'guild' as const, guildId: discord.guildId }
    : { kind: 'global' as const };
  // An explicit registration always writes, so it also repairs commands edited by hand.
  const synced = await syncCommands(rest, discord.applicationId, scope, { force: true });
  if (!synced.ok) {
    write(`register: ${synced.error}`);
    return 1;
  }
  write(
    scope.kind === 'guild'
      ? `register: ${synced.value.count} slash commands registered in guild ${scope.guildId} (available now)`
      : `register: ${synced.value.count} slash commands registered globally (Discord may take up to an hour to show changes)`,
  );
  write(`register: invite the bot with ${inviteUrl(discord.applicationId)}`);
  return 0;
}

process.exitCode = await registerFromConfig((line) => process.stdout.write(`${line}\n`));
