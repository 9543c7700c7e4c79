/** Where escalations go: set in chat (kept in the bot's Storage) or from the environment, with clear errors for bad settings. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { destinationFromEnv, escalationSettings } from '../../dialogs/escalation-destination';
import { openStore } from '../../src/store';

const REF = { channelId: 'slack', serviceUrl: 'https://slack.botframework.com/', conversation: { id: 'B0:T0:C0ESCALATE', name: 'db-escalations' } };

describe('escalation destination', () => {
  test('one an administrator set in chat survives a restart and wins over the environment', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-dest-'));
    const env = { SQLTRIAGE_ESCALATION_REFERENCE: JSON.stringify(REF), SQLTRIAGE_ESCALATION_ADMINS: 'user-9, user-1' };
    const first = await openStore({ dir });
    const settings = escalationSettings(first.storage, env);
    expect(await settings.destinations.get()).toMatchObject({ name: 'db-escalations', reference: REF });
    const teams = { channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: '19:abc@thread.tacv2' } };
    await settings.destinations.set({ reference: teams, name: 'DBA escalations', setBy: 'user-1', at: '2026-03-02T09:00:00.000Z' });
    await first.close();

    const second = await openStore({ dir });
    expect(await escalationSettings(second.storage, env).destinations.get()).toEqual({ reference: teams, name: 'DBA escalations', setBy: 'user-1', at: '2026-03-02T09:00:00.000Z' });
    // Once user-1 is no longer an administrator, what they set is not used: the configured one is.
    expect(await escalationSettings(second.storage, { ...env, SQLTRIAGE_ESCALATION_ADMINS: 'user-9' }).destinations.get()).toMatchObject({ name: 'db-escalations', reference: REF });
    await second.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('one stored by someone who is not an administrator is never used', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-dest-'));
    const store = await openStore({ dir });
    const settings = escalationSettings(store.storage, { SQLTRIAGE_ESCALATION_REFERENCE: JSON.stringify(REF) });
    expect(settings.admins).toEqual([]);
    await settings.destinations.set({ reference: { ...REF, conversation: { id: 'D0MALLORY' } }, name: 'mallory', setBy: 'mallory', at: '2026-03-02T09:00:00.000Z' });
    expect(await settings.destinations.get()).toMatchObject({ name: 'db-escalations', reference: REF });
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('nothing configured means no destination, and pasted text goes along unless switched off', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-dest-'));
    const store = await openStore({ dir });
    const on = escalationSettings(store.storage, {});
    expect(await on.destinations.get()).toBeUndefined();
    expect(on).toMatchObject({ appId: '', includePasteText: true, admins: [] });
    expect(escalationSettings(store.storage, { SQLTRIAGE_ESCALATION_PASTE_TEXT: 'off', MicrosoftAppId: ' app-123 ' })).toMatchObject({ appId: 'app-123', includePasteText: false });
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test.each([
    ['{not json', 'is not valid JSON'],
    ['[]', 'must be a JSON object'],
    [JSON.stringify({ ...REF, serviceUrl: 'file:///etc/passwd' }), 'needs serviceUrl'],
    [JSON.stringify({ ...REF, channelId: '' }), 'needs channelId'],
    [JSON.stringify({ ...REF, conversation: {} }), 'needs conversation.id'],
  ])('SQLTRIAGE_ESCALATION_REFERENCE=%s is refused: %s', (value, message) => {
    expect(() => destinationFromEnv({ SQLTRIAGE_ESCALATION_REFERENCE: value })).toThrow(message);
  });

  test('a paste-text switch that is neither on nor off is refused', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-dest-'));
    const store = await openStore({ dir });
    expect(() => escalationSettings(store.storage, { SQLTRIAGE_ESCALATION_PASTE_TEXT: 'sometimes' })).toThrow('must be on or off');
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
