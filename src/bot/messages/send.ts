/**
 * How dialogs speak: they hand a neutral message to `sendMessage`, and the renderer the bot
 * installed for this turn (chosen by channel) shapes it. Dialogs never see the channel.
 */
import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';
import type { Message } from './model';

export type MessageRenderer = (msg: Message) => Partial<Activity>;

const RENDERER = Symbol('sqltriage.renderer');

export function installRenderer(context: TurnContext, renderer: MessageRenderer): void {
  context.turnState.set(RENDERER, renderer);
}

export async function sendMessage(context: TurnContext, msg: Message): Promise<ResourceResponse | undefined> {
  const renderer = context.turnState.get(RENDERER) as MessageRenderer | undefined;
  if (!renderer) throw new Error('no message renderer installed for this turn (the bot installs one per channel)');
  return context.sendActivity(renderer(msg));
}
