/** The Slack app manifest asks for what the adapter uses, and Socket Mode, nothing that needs a public URL. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const manifest = parse(readFileSync(path.resolve(__dirname, '../../../manifest/slack-app-manifest.yaml'), 'utf8'));

it('turns Socket Mode and interactivity on, with no request URLs', () => {
  expect(manifest.settings.socket_mode_enabled).toBe(true);
  expect(manifest.settings.interactivity).toEqual({ is_enabled: true });
  expect(JSON.stringify(manifest)).not.toMatch(/request_url|redirect_urls/);
});

it('subscribes to the events the adapter turns into activities', () => {
  expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(['app_mention', 'message.channels', 'message.groups', 'message.im', 'message.mpim']);
});

it('asks for the scopes of the calls the adapter makes', () => {
  const scopes: string[] = manifest.oauth_config.scopes.bot;
  expect([...scopes].sort()).toEqual(['app_mentions:read', 'channels:history', 'chat:write', 'files:read', 'groups:history', 'im:history', 'mpim:history', 'users:read']);
  expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
  expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
  expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
});
