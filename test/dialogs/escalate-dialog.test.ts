/** "escalate" on each channel: the hand-off is announced, the case is marked, and the audit records it. */
import { allText, CHANNELS, harness } from './harness';

const PASTE = "Login failed for user 'app'. Reason: Password did not match that for the login provided. [CLIENT: 10.0.0.5] Error: 18456, State: 8";

describe.each(CHANNELS)('escalate on %s', (channel) => {
  test('asks what the next tier needs, then marks the case escalated and shows its id', async () => {
    const h = await harness(channel);
    await h.say(PASTE);
    const asked = await h.say('escalate');
    expect(allText(asked)).toMatch(/impact/i);
    await h.say('Payroll cannot post since 09:00');
    const done = await h.say('skip');
    const [c] = await h.store.cases.list();
    expect(c.status).toBe('escalated');
    expect(c.escalation?.impact).toBe('Payroll cannot post since 09:00');
    expect(allText(done)).toContain(c.id);
    await h.close();
  });
});
