/**
 * `npm run register` (src/platforms/discord/register.ts) run as a real process against the fake
 * Discord: global registration without DISCORD_GUILD_ID, guild registration with it.
 */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_COMMANDS } from '../../src/platforms/discord/commands.ts';
import { FAKE_DISCORD, type FakeDiscord, startFakeDiscord } from '../fixtures/fake-discord.ts';

let fake: FakeDiscord;

beforeAll(async () => {
  fake = await startFakeDiscord();
});

afterAll(async () => {
  await fake?.close();
});

/** Runs the register script with the given Discord settings; resolves with its exit code and output. */
function register(env: Record<string, string>): Promise<{ code: number; stdout: string }> {
  const { DISCORD_GUILD_ID: _guild, DISCORD_TOKEN: _token, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/platforms/discord/register.ts'],
      { env: { ...inherited, ...env }, timeout: 30_000 },
      (error, stdout) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
    );
  });
}

describe('GIVEN npm run register', () => {
  const base = () => ({
    DISCORD_TOKEN: FAKE_DISCORD.token,
    DISCORD_APPLICATION_ID: FAKE_DISCORD.applicationId,
    DISCORD_API_URL: fake.apiUrl,
  });

  it('WHEN no guild is set THEN the commands are registered globally and the invite URL is printed', async () => {
    const { code, stdout } = await register(base());
    expect(code).toBe(0);
    expect(stdout).toContain('12 slash commands registered globally');
    expect(stdout).toContain('scope=bot%20applications.commands');
    const registered = fake.registered.get(`/applications/${FAKE_DISCORD.applicationId}/commands`);
    expect(registered?.map((command) => command.name)).toEqual(
      DISCORD_COMMANDS.map((command) => command.name),
    );
  }, 40_000);

  it('WHEN DISCORD_GUILD_ID is set THEN they are registered in that guild', async () => {
    const { code, stdout } = await register({ ...base(), DISCORD_GUILD_ID: FAKE_DISCORD.guildId });
    expect(code).toBe(0);
    expect(stdout).toContain(`registered in guild ${FAKE_DISCORD.guildId}`);
    expect(
      fake.registered.has(
        `/applications/${FAKE_DISCORD.applicationId}/guilds/${FAKE_DISCORD.guildId}/commands`,
      ),
    ).toBe(true);
  }, 40_000);

  it('WHEN the token is wrong THEN it exits 1 with one line naming DISCORD_TOKEN', async () => {
    const { code, stdout } = await register({ ...base(), DISCORD_TOKEN: 'wrong-token' });
    expect(code).toBe(1);
    expect(stdout.trim().split('\n')).toEqual([
      'register: could not register the slash commands: Discord refused the token (401); check DISCORD_TOKEN',
    ]);
  }, 40_000);
});
