import { ActivityTypes, ComponentRegistration, ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import { DialogSet, DialogState, WaterfallDialog } from 'botbuilder-dialogs';
import { shareDialogsRegistration } from '../../src/bot/dialog-registration';

const registrations = () => ComponentRegistration.components.filter((c) => c.constructor.name === 'DialogsComponentRegistration');

test('dialog contexts of every turn share one dialogs registration, and dialog memory still works across turns', async () => {
  shareDialogsRegistration();
  shareDialogsRegistration(); // idempotent
  const state = new ConversationState(new MemoryStorage());
  const dialogs = new DialogSet(state.createProperty<DialogState>('dialogs'));
  const seen = new Set<object>();
  dialogs.add(
    new WaterfallDialog('count', [
      async (step) => {
        step.state.setValue('dialog.count', 1);
        step.state.setValue('turn.note', 'first');
        await step.context.sendActivity(`count ${step.state.getValue('dialog.count')} ${step.state.getValue('turn.note')}`);
        return { status: 'waiting' } as never;
      },
      async (step) => {
        step.state.setValue('dialog.count', (step.state.getValue<number>('dialog.count') ?? 0) + 1);
        await step.context.sendActivity(`count ${step.state.getValue('dialog.count')} ${step.state.getValue('turn.note') ?? 'fresh turn'}`);
        return step.endDialog();
      },
    ]),
  );
  const adapter = new TestAdapter(async (context) => {
    const dc = await dialogs.createContext(context);
    for (const r of registrations()) seen.add(r);
    if (context.activity.type === ActivityTypes.Message) {
      const result = await dc.continueDialog();
      if (result.status === 'empty') await dc.beginDialog('count');
    }
    await state.saveChanges(context);
  });
  await adapter.send('hi').assertReply('count 1 first').send('again').assertReply('count 2 fresh turn').startTest();
  expect(registrations()).toHaveLength(1);
  expect(seen.size).toBe(1);
});
