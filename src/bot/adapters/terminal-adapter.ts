/**
 * A botbuilder adapter for one person at a terminal: activities come from the caller, replies go to
 * a callback. The bot and its dialogs run unchanged; the channel id "cli" selects the text renderer.
 */
import { Activity, BotAdapter, ConversationReference, ResourceResponse, TurnContext } from 'botbuilder';

export class TerminalAdapter extends BotAdapter {
  private next = 0;

  /** `update` is true when the activity redraws one sent before (probe progress). */
  constructor(
    private readonly deliver: (activity: Partial<Activity>, update?: boolean) => void | Promise<void>,
    private readonly opts: { canRedraw?: boolean } = {},
  ) {
    super();
  }

  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const out: ResourceResponse[] = [];
    for (const a of activities) {
      await this.deliver(a);
      out.push({ id: `out-${++this.next}` });
    }
    return out;
  }

  /** A terminal redraws the message's lines (the chat command knows how); nothing is sent anywhere. */
  async updateActivity(_context: TurnContext, activity: Partial<Activity>): Promise<void> {
    // Output that is not a terminal (a pipe, a log) cannot be redrawn: the bot then sends the final state.
    if (!this.opts.canRedraw) throw new Error('this output cannot be redrawn');
    await this.deliver(activity, true);
  }

  async deleteActivity(): Promise<void> {
    throw new Error('a terminal cannot delete what it already printed');
  }

  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  /** Runs one incoming activity through the middleware and the bot. */
  async receive(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.runMiddleware(new TurnContext(this, activity as Activity), logic);
  }
}
