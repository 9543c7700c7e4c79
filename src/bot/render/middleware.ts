/** Installs the channel's renderer on every turn, so anything downstream can `sendMessage`. */
import type { Middleware, TurnContext } from 'botbuilder';
import { installRenderer } from '../../../dialogs/send';
import { rendererFor } from './index';

export class RendererMiddleware implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    installRenderer(context, rendererFor(context.activity.channelId));
    await next();
  }
}
