/**
 * A botbuilder adapter for one person at a terminal: activities come from the caller, replies go to
 * a callback. The bot and its dialogs run unchanged; the channel id "cli" selects the text renderer.
 */
import { Activity, BotAdapter, ConversationReference, ResourceResponse, TurnContext } from 'botbuilder';

export class TerminalAdapter extends BotAdapter {
  private next = 0;

  constructor(private readonly deliver: (activity: Partial<Activity>) => void | Promise<void>) {
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

  async updateActivity(): Promise<void> {
    throw new Error('a terminal cannot change what it already printed');
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
