/**
 * The peer of the /api/messages benchmark: botbuilder's echo bot as its samples write it, and
 * nothing else. CloudAdapter (anonymous, like `npm start` without MicrosoftAppId), restify with its
 * JSON body parser, conversation state in MemoryStorage (a turn counter, read and saved each turn),
 * replies delivered in the response (expectReplies). It prints the port it listens on like the bot.
 */
import restify from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, MemoryStorage, type TurnContext } from 'botbuilder';

class EchoBot extends ActivityHandler {
  private readonly turns;

  constructor(private readonly state: ConversationState) {
    super();
    this.turns = state.createProperty<number>('turns');
    this.onMessage(async (context, next) => {
      const n = (await this.turns.get(context, 0)) + 1;
      await this.turns.set(context, n);
      await context.sendActivity(`Echo ${n}: ${context.activity.text ?? ''}`);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.state.saveChanges(context);
  }
}

function main(): void {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new EchoBot(new ConversationState(new MemoryStorage()));
  const server = restify.createServer({ name: 'echo' });
  server.post('/api/messages', restify.plugins.jsonBodyParser({ mapParams: false }), async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
    process.stderr.write(`echo bot listening on http://localhost:${server.address().port}/\n`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

if (require.main === module) main();
