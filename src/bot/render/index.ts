/** Picks the renderer for the channel a turn came from. Dialogs never call this: the bot installs it per turn. */
import type { Activity } from 'botbuilder';
import type { Message } from '../../messages/model';
import { renderEscalationSlackThread } from './escalation/slack';
import { renderSlack } from './slack';
import { renderTeams } from './teams';
import { renderText } from './text';
import { renderWeb } from './web';

/** One message becomes one activity, or a thread of them when a channel cannot take it in one. */
export type Renderer = (msg: Message) => Partial<Activity> | Partial<Activity>[];

const CARD_CHANNELS = new Set(['emulator', 'webchat', 'directline', 'test']);

function slack(msg: Message): Partial<Activity> | Partial<Activity>[] {
  const escalation = msg.blocks.find((b) => b.kind === 'escalation');
  return escalation && escalation.kind === 'escalation' ? renderEscalationSlackThread(escalation.summary) : renderSlack(msg);
}

export function rendererFor(channelId: string | undefined): Renderer {
  if (channelId === 'msteams') return renderTeams;
  if (channelId === 'slack') return slack;
  if (channelId && CARD_CHANNELS.has(channelId)) return renderWeb;
  // 'cli' and any channel we do not know: plain text shows everywhere.
  return renderText;
}

export { renderSlack, renderTeams, renderText, renderWeb };
