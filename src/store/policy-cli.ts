/**
 * `newsdesk workspace KEY [pages=everyone|managers]`: what one workspace decided for itself, read
 * and set by the operator (the bot's chat commands do not change it).
 */
import type { PageDigestRule, WorkspacePolicies } from '../core/ports.ts';
import { withConfiguredStore } from './configured-store.ts';

/** Usage of the workspace subcommand, for the CLI's help text. */
export const WORKSPACE_USAGE = `  newsdesk workspace KEY [pages=everyone|managers]
      Show or set a workspace's policy. KEY is discord:<server id>, slack:<team id> or
      console; pages=managers keeps /digest url: in its channels to those who may manage them.`;

/** Where the subcommand writes. */
export interface PolicyIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const KEY = /^(?:discord|slack):[A-Za-z0-9:]+$|^console$/;
const PAGE_RULES: readonly PageDigestRule[] = ['everyone', 'managers'];

/** Shows or sets one workspace's policy in `policies`; returns the exit code. */
export async function runPolicyCommand(
  args: string[],
  policies: WorkspacePolicies,
  io: PolicyIo,
): Promise<number> {
  const [key, setting, ...extra] = args;
  const rule = setting?.startsWith('pages=') ? setting.slice('pages='.length) : undefined;
  if (
    key === undefined ||
    !KEY.test(key) ||
    extra.length > 0 ||
    (setting !== undefined && rule === undefined)
  ) {
    io.stderr(`newsdesk workspace: expected a workspace key and optionally pages=…\n${WORKSPACE_USAGE}\n`);
    return 2;
  }
  if (rule !== undefined) {
    if (!(PAGE_RULES as readonly string[]).includes(rule)) {
      io.stderr(`newsdesk workspace: pages must be everyone or managers, not "${rule.slice(0, 40)}"\n`);
      return 2;
    }
    await policies.setWorkspacePolicy(key, { pageDigests: rule as PageDigestRule });
  }
  const policy = await policies.workspacePolicy(key);
  io.stdout(`${key}: pages=${policy.pageDigests}\n`);
  return 0;
}

/** Runs `workspace` on the configured store; returns the exit code. */
export async function runPolicyCli(args: string[], io: PolicyIo): Promise<number> {
  return withConfiguredStore(io, (store) => runPolicyCommand(args, store, io));
}
