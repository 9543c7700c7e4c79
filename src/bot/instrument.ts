/**
 * Metrics taken at the bot's seams, so no dialog or engine code knows about them: the activity
 * handler (turns), the case store (cases opened, resolved, escalated; each pasted input's triage
 * outcome; write latency), the bot state store and the audit log (write latency), and the
 * messages the dialogs send (questions asked).
 */
import type { Storage, StoreItems, TurnContext } from 'botbuilder';
import type { Knowledge } from '../kb/load';
import type { Message } from '../messages/model';
import type { AuditLog, CaseStore } from '../store/types';
import { rankCase } from '../triage';
import type { Case } from '../triage/types';
import { type BotMetrics, secondsSince } from './metrics';

/** Channel ids and activity types are the caller's text: anything unknown is one 'other' series. */
const CHANNELS = new Set(['msteams', 'slack', 'webchat', 'directline', 'emulator', 'test']);
const TYPES = new Set(['message', 'conversationUpdate', 'invoke', 'event', 'messageReaction', 'installationUpdate', 'typing', 'endOfConversation', 'messageUpdate', 'messageDelete']);

export function activityLabels(activity: { channelId?: string; type?: string }): { channel: string; type: string } {
  const channel = activity.channelId && CHANNELS.has(activity.channelId) ? activity.channelId : 'other';
  const type = activity.type && TYPES.has(activity.type) ? activity.type : 'other';
  return { channel, type };
}

/** `target` with some methods replaced; every other member is the target's own, bound to it. */
function overriding<T extends object>(target: T, replaced: Partial<T>): T {
  return new Proxy(target, {
    get(t, prop) {
      if (Object.prototype.hasOwnProperty.call(replaced, prop)) return (replaced as Record<string | symbol, unknown>)[prop];
      const value = Reflect.get(t, prop, t) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });
}

/** Counts and times every turn, whichever channel it came from (HTTP or Slack's socket). */
export function instrumentBot<B extends { run(context: TurnContext): Promise<void> }>(bot: B, metrics: BotMetrics): B {
  const run = bot.run.bind(bot);
  const timedRun = async (context: TurnContext) => {
    const start = process.hrtime.bigint();
    const labels = activityLabels(context.activity);
    try {
      await run(context);
      metrics.activity({ ...labels, outcome: 'ok' }, secondsSince(start));
    } catch (err) {
      metrics.activity({ ...labels, outcome: 'error' }, secondsSince(start));
      throw err;
    }
  };
  return overriding(bot, { run: timedRun } as Partial<B>);
}

/** Questions asked: each message carrying a question's choices (a re-asked question counts again). */
export function observeMessage(metrics: BotMetrics): (msg: Message) => void {
  return (msg) => {
    for (const block of msg.blocks) if (block.kind === 'choice') metrics.questionAsked(block.question);
  };
}

async function timed<T>(metrics: BotMetrics, kind: 'state' | 'case' | 'audit', write: () => Promise<T>): Promise<T> {
  const start = process.hrtime.bigint();
  try {
    const out = await write();
    metrics.storeWrite(kind, secondsSince(start), true);
    return out;
  } catch (err) {
    metrics.storeWrite(kind, secondsSince(start), false);
    throw err;
  }
}

export function instrumentStorage(storage: Storage, metrics: BotMetrics): Storage {
  return {
    read: (keys: string[]) => storage.read(keys),
    write: (changes: StoreItems) => timed(metrics, 'state', () => storage.write(changes)),
    delete: (keys: string[]) => storage.delete(keys),
  };
}

export function instrumentAudit(audit: AuditLog, metrics: BotMetrics): AuditLog {
  return { append: (entry) => timed(metrics, 'audit', () => audit.append(entry)) };
}

const PASTED = new Set(['paste', 'sqlcheck', 'artifact']);
/** Cases this process has seen (status, pasted inputs), so a put can tell what changed. Bounded. */
const SEEN_MAX = 10_000;

/**
 * Case events from what the dialogs store: a case never read or written here before is new
 * (the dialogs read a case before changing it, and write a new one without reading); a status that
 * turns resolved or escalated is that event; more pasted inputs than before are triage outcomes.
 */
export function instrumentCases(cases: CaseStore, metrics: BotMetrics, kb: () => Knowledge): CaseStore {
  const seen = new Map<string, { status: Case['status']; pasted: number }>();
  const remember = (c: Case) => {
    seen.delete(c.id);
    if (seen.size >= SEEN_MAX) seen.delete(seen.keys().next().value as string);
    seen.set(c.id, { status: c.status, pasted: c.evidence.filter((e) => PASTED.has(e.kind)).length });
  };
  const observe = (c: Case) => {
    const before = seen.get(c.id);
    const pasted = c.evidence.filter((e) => PASTED.has(e.kind)).length;
    if (!before) metrics.caseEvent('opened');
    if (c.status !== (before?.status ?? 'open') && (c.status === 'resolved' || c.status === 'escalated')) metrics.caseEvent(c.status);
    if (pasted > (before?.pasted ?? 0)) {
      const ranking = rankCase(c, kb());
      const family = ranking.foreign ? 'foreign' : ranking.unknown ? 'unknown' : (ranking.families[0]?.id ?? 'unknown');
      for (let i = before?.pasted ?? 0; i < pasted; i++) metrics.triageOutcome(family);
    }
    remember(c);
  };
  return overriding(cases, {
    get: async (id: string) => {
      const c = await cases.get(id);
      if (c) remember(c);
      return c;
    },
    put: (c: Case) => {
      observe(c);
      return timed(metrics, 'case', () => cases.put(c));
    },
  });
}
