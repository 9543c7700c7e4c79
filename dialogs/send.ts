/**
 * How dialogs speak: they hand a neutral message to `sendMessage`, and the renderer the bot
 * installed for this turn (chosen by channel) shapes it. Dialogs never see the channel.
 */
import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';
import type { Message } from '../src/messages/model';

/** One message becomes one activity, or several (a thread) when the channel cannot take it whole. */
export type MessageRenderer = (msg: Message) => Partial<Activity> | Partial<Activity>[];

const RENDERER = Symbol('sqltriage.renderer');

export function installRenderer(context: TurnContext, renderer: MessageRenderer): void {
  context.turnState.set(RENDERER, renderer);
}

function render(context: TurnContext, msg: Message): Partial<Activity>[] {
  const renderer = context.turnState.get(RENDERER) as MessageRenderer | undefined;
  if (!renderer) throw new Error('no message renderer installed for this turn (the bot installs one per channel)');
  const out = renderer(msg);
  return Array.isArray(out) ? out : [out];
}

/** Sends the message; the response is the first activity's (the one an update in place targets). */
export async function sendMessage(context: TurnContext, msg: Message): Promise<ResourceResponse | undefined> {
  const responses = await context.sendActivities(render(context, msg));
  return responses[0];
}

/**
 * Redraws a message sent earlier (probe progress): updateActivity where the channel can change what
 * it posted. False when it cannot (the caller then sends the final state as a new message).
 */
export async function updateMessage(context: TurnContext, id: string | undefined, msg: Message): Promise<boolean> {
  // Replies gathered for one HTTP response (the local page) cannot be changed after they are sent.
  if (!id || context.activity.deliveryMode === 'expectReplies') return false;
  const [activity] = render(context, msg);
  try {
    await context.updateActivity({ ...activity, id, conversation: context.activity.conversation });
    return true;
  } catch (err) {
    if (process.env.DEBUG_UPDATE) console.error(err);
    return false;
  }
}
