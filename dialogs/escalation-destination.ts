/**
 * Where escalations go: one Teams or Slack channel, kept as a conversation reference so the bot
 * can post there proactively. Set by saying "set escalation channel here" in that channel (kept in
 * the bot's Storage, shared by every instance), or by SQLTRIAGE_ESCALATION_REFERENCE (JSON) when
 * nobody has set one in chat.
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
  destinations: DestinationStore;
}

const KEY = 'sqltriage.escalation.destination';

export class DestinationStore {
  constructor(
    private readonly storage: Storage,
    private readonly fallback?: EscalationDestination,
  ) {}

  async get(): Promise<EscalationDestination | undefined> {
    const items = await this.storage.read([KEY]);
    const stored = items[KEY] as (EscalationDestination & { eTag?: string }) | undefined;
    if (stored?.reference) return { reference: stored.reference, name: stored.name, setBy: stored.setBy, at: stored.at };
    return this.fallback;
  }

  async set(dest: EscalationDestination): Promise<void> {
    await this.storage.write({ [KEY]: { ...dest, eTag: '*' } });
  }
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

/** Settings from the environment: MicrosoftAppId, SQLTRIAGE_ESCALATION_REFERENCE, SQLTRIAGE_ESCALATION_PASTE_TEXT=off. */
export function escalationSettings(storage: Storage, env: Record<string, string | undefined> = {}): EscalationSettings {
  const pasteText = (env.SQLTRIAGE_ESCALATION_PASTE_TEXT ?? 'on').trim().toLowerCase();
  if (!['on', 'off', 'true', 'false', '1', '0', ''].includes(pasteText)) {
    throw new Error(`SQLTRIAGE_ESCALATION_PASTE_TEXT '${env.SQLTRIAGE_ESCALATION_PASTE_TEXT}' must be on or off`);
  }
  return {
    appId: env.MicrosoftAppId?.trim() ?? '',
    includePasteText: !['off', 'false', '0'].includes(pasteText),
    destinations: new DestinationStore(storage, destinationFromEnv(env)),
  };
}
