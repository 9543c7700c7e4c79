/** Picks the renderer for the channel a turn came from. Dialogs never call this: the bot installs it per turn. */
import type { Activity } from 'botbuilder';
import type { Message } from '../messages/model';
import { renderSlack } from './slack';
import { renderTeams } from './teams';
import { renderText } from './text';
import { renderWeb } from './web';

export type Renderer = (msg: Message) => Partial<Activity>;

const CARD_CHANNELS = new Set(['emulator', 'webchat', 'directline', 'test']);

export function rendererFor(channelId: string | undefined): Renderer {
  if (channelId === 'msteams') return renderTeams;
  if (channelId === 'slack') return renderSlack;
  if (channelId && CARD_CHANNELS.has(channelId)) return renderWeb;
  // 'cli' and any channel we do not know: plain text shows everywhere.
  return renderText;
}

export { renderSlack, renderTeams, renderText, renderWeb };
