/** What a turn keeps in conversation state: pointers and the dialog stack, never the pasted text (the case holds it). */
import { harness, lastButtons } from './harness';

const PASTE =
  'A connection was successfully established with the server, but then an error occurred during the login process. ' +
  '(provider: SSL Provider, error: 0 - The certificate chain was issued by an authority that is not trusted.) ClientConnectionId:6f1e2d3c';

test('after a paste the conversation state does not hold the pasted text, and the question it asks can still be answered', async () => {
  const h = await harness('emulator');
  try {
    const first = await h.say(PASTE);
    const key = 'emulator/conversations/conv-emulator/';
    const state = JSON.stringify(await h.store.storage.read([key]));
    expect(state).toContain('triage');
    expect(state).not.toContain('ClientConnectionId:6f1e2d3c');
    const [c] = await h.store.cases.list({ limit: 1 });
    expect(JSON.stringify(c.evidence)).toContain('ClientConnectionId:6f1e2d3c');
    const button = lastButtons(first)[0];
    const next = await h.press(button);
    expect(next[0].text).toContain(`You answered: ${button.label}.`);
    const [after] = await h.store.cases.list({ limit: 1 });
    expect(after.evidence.map((e) => e.kind)).toEqual(['paste', 'answer']);
  } finally {
    await h.close();
  }
});
