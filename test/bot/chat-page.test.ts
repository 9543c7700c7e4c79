/**
 * The local chat page in headless Chromium against the real server (part A's restify server with
 * the real bot and a lowdb data file): paste an error, press an answer button, check the cards.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, Browser, Page } from 'playwright-core';
import { createBot } from '../../src/bot/bot';
import { knowledge } from '../dialogs/harness';
import { removeDir, Running, startServer } from './server-harness';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const PASTE = "Microsoft.Data.SqlClient.SqlException (0x80131904): A connection was successfully established with the server, but then an error occurred during the login process. (provider: SSL Provider, error: 0 - The certificate chain was issued by an authority that is not trusted.)";

let running: Running;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium) to run the chat page test`);
  }
  const kb = knowledge();
  running = await startServer({ bot: (s) => createBot({ storage: s.storage, cases: s.cases, audit: s.audit, kb }) });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // Loopback only: anything else the page tries to load is a bug.
  await page.route('**/*', (route) => (route.request().url().startsWith(running.url) ? route.continue() : route.abort()));
  await page.goto(running.url);
}, 30_000);

afterAll(async () => {
  await browser?.close();
  if (running) {
    await running.stop();
    await removeDir(running.dir);
  }
});

test('a pasted error comes back as the diagnosis card and a question with buttons', async () => {
  await page.fill('#input', PASTE);
  await page.click('#send');
  const cards = page.locator('.msg.bot.card');
  await cards.nth(1).waitFor({ timeout: 10_000 });
  const diagnosis = await cards.nth(0).innerText();
  expect(diagnosis).toContain('Server certificate not accepted');
  expect(diagnosis).toMatch(/\d+%/);
  expect(diagnosis).toContain('How to fix');
  // Markdown is rendered, not shown: no escape backslashes, links are links.
  expect(diagnosis).not.toContain('\\');
  expect(await cards.nth(0).locator('a[href^="https://learn.microsoft.com"]').count()).toBeGreaterThan(0);
  expect(await cards.nth(0).locator('li').count()).toBeGreaterThan(1);
  const buttons = cards.nth(1).locator('.ac-pushButton');
  expect(await buttons.count()).toBeGreaterThan(1);
  expect(await page.locator('.msg.user').first().innerText()).toBe(PASTE);
});

test('pressing an answer button re-ranks and shows what changed in a new card', async () => {
  const questionCard = page.locator('.msg.bot.card').nth(1);
  const button = questionCard.locator('.ac-pushButton').first();
  const label = (await button.innerText()).trim();
  await button.click();
  const changed = page.locator('.msg.bot.card', { hasText: 'You answered:' });
  await changed.first().waitFor({ timeout: 10_000 });
  const text = await changed.first().innerText();
  expect(text).toContain(`You answered: ${label}.`);
  expect(text).toContain('What changed');
  expect(text).toMatch(/\d+% → \d+%/);
  expect(await page.locator('.msg.user').last().innerText()).toBe(label);
  const [c] = await running.store.cases.list();
  // Beside the paste: the driver its stack trace names (taken from it), and the answer pressed.
  expect(c.evidence.map((e) => [e.kind, e.kind === 'answer' && e.implied === true])).toEqual([
    ['paste', false],
    ['answer', true],
    ['answer', false],
  ]);
});

test('an attached text file is sent and read as a paste', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-page-')), 'SQLCHECK_CLIENT.txt');
  fs.copyFileSync('/work/shared/fixtures/sqlcheck/a_client_tls12_disabled.txt', file);
  const before = await page.locator('.msg.bot.card').count();
  await page.setInputFiles('#file', file);
  await page.click('#send');
  await page.locator('.msg.bot.card').nth(before).waitFor({ timeout: 10_000 });
  expect(await page.locator('.msg.bot.card').nth(before).innerText()).toContain('SQLCHECK report');
  const [c] = await running.store.cases.list();
  expect(c.evidence.map((e) => e.kind)).toContain('sqlcheck');
  expect(pageErrors).toEqual([]);
});
