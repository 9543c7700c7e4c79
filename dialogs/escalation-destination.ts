/**
 * Where escalations go: one Teams or Slack channel, kept as a conversation reference so the bot
 * can post there proactively. This is administration: the destination comes from
 * SQLTRIAGE_ESCALATION_REFERENCE (JSON), or from "set escalation channel here" said by a user
 * named in SQLTRIAGE_ESCALATION_ADMINS (kept in the bot's Storage, shared by every instance).
 * Anyone else saying it changes nothing, and a stored destination whose setter is no longer an
 * administrator is not used. Every change and refused attempt is audited.
 */
import type { ConversationReference, Storage } from 'botbuilder';

export interface EscalationDestination {
  reference: Partial<ConversationReference>;
  /** What people call it ("#db-oncall", a Teams channel name, or the conversation id). */
  name: string;
  setBy?: string;
  at?: string;
}

/** What the escalate dialog needs: where to post, as which bot, and whether pasted text goes along. */
export interface EscalationSettings {
  /** Bot Framework app id ('' when running anonymously on loopback). */
  appId: string;
  /** Include pasted text in the posted summary (default) or only a reference to it. */
  includePasteText: boolean;
  /** User ids (as the channel gives them) who may set the destination in chat. */
  admins: string[];
  destinations: DestinationStore;
}

const KEY = 'sqltriage.escalation.destination';

export class DestinationStore {
  constructor(
    private readonly storage: Storage,
    private readonly fallback?: EscalationDestination,
    private readonly admins: string[] = [],
  ) {}

  /** The destination in force: one an administrator set in chat, else the configured one. */
  async get(): Promise<EscalationDestination | undefined> {
    const items = await this.storage.read([KEY]);
    const stored = items[KEY] as (EscalationDestination & { eTag?: string }) | undefined;
    if (stored?.reference && typeof stored.setBy === 'string' && this.admins.includes(stored.setBy)) {
      return { reference: stored.reference, name: stored.name, setBy: stored.setBy, at: stored.at };
    }
    return this.fallback;
  }

  async set(dest: EscalationDestination): Promise<void> {
    await this.storage.write({ [KEY]: { ...dest, eTag: '*' } });
  }
}

/** Exactly where a destination is: its name, the channel kind and the conversation id. */
export function describeDestination(dest: EscalationDestination): string {
  const r = dest.reference;
  const id = r.conversation?.id ?? '?';
  return dest.name === id ? `${dest.name} (${r.channelId})` : `${dest.name} (${r.channelId} conversation ${id})`;
}

/** SQLTRIAGE_ESCALATION_ADMINS: user ids separated by commas or spaces. */
export function adminsFromEnv(env: Record<string, string | undefined>): string[] {
  return (env.SQLTRIAGE_ESCALATION_ADMINS ?? '').split(/[\s,]+/).filter((id) => id !== '');
}

/** A reference must say where to post (serviceUrl), in which channel and conversation. */
export function checkReference(ref: unknown): string | undefined {
  const r = ref as Partial<ConversationReference> | null;
  if (!r || typeof r !== 'object' || Array.isArray(r)) return 'must be a JSON object (a Bot Framework conversation reference)';
  if (typeof r.serviceUrl !== 'string' || !/^https?:\/\//.test(r.serviceUrl)) return 'needs serviceUrl (http or https)';
  if (typeof r.channelId !== 'string' || r.channelId === '') return 'needs channelId (msteams, slack ...)';
  if (typeof r.conversation?.id !== 'string' || r.conversation.id === '') return 'needs conversation.id';
  return undefined;
}

export function destinationFromEnv(env: Record<string, string | undefined>): EscalationDestination | undefined {
  const raw = env.SQLTRIAGE_ESCALATION_REFERENCE?.trim();
  if (!raw) return undefined;
  let ref: unknown;
  try {
    ref = JSON.parse(raw);
  } catch {
    throw new Error('SQLTRIAGE_ESCALATION_REFERENCE is not valid JSON (expected a conversation reference)');
  }
  const problem = checkReference(ref);
  if (problem) throw new Error(`SQLTRIAGE_ESCALATION_REFERENCE ${problem}`);
  const r = ref as Partial<ConversationReference>;
  return { reference: r, name: env.SQLTRIAGE_ESCALATION_NAME?.trim() || r.conversation!.name || r.conversation!.id };
}

/** Settings from the environment: MicrosoftAppId, SQLTRIAGE_ESCALATION_REFERENCE, SQLTRIAGE_ESCALATION_ADMINS, SQLTRIAGE_ESCALATION_PASTE_TEXT=off. */
export function escalationSettings(storage: Storage, env: Record<string, string | undefined> = {}): EscalationSettings {
  const pasteText = (env.SQLTRIAGE_ESCALATION_PASTE_TEXT ?? 'on').trim().toLowerCase();
  if (!['on', 'off', 'true', 'false', '1', '0', ''].includes(pasteText)) {
    throw new Error(`SQLTRIAGE_ESCALATION_PASTE_TEXT '${env.SQLTRIAGE_ESCALATION_PASTE_TEXT}' must be on or off`);
  }
  const admins = adminsFromEnv(env);
  return {
    appId: env.MicrosoftAppId?.trim() ?? '',
    includePasteText: !['off', 'false', '0'].includes(pasteText),
    admins,
    destinations: new DestinationStore(storage, destinationFromEnv(env), admins),
  };
}
