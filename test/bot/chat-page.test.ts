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
import { sharedDir } from '../../src/kb/paths';
import { nextStep } from '../../src/triage/next-step';
import type { Question } from '../../src/kb/types';

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

test('the page opens with the welcome: what the bot does', async () => {
  const welcome = page.locator('.msg.bot.card').first();
  await welcome.waitFor({ timeout: 10_000 });
  expect(await welcome.innerText()).toContain('SQL Server connection triage');
  expect(await running.store.cases.list()).toHaveLength(0);
});

test('a pasted error comes back as one short card: diagnosis, what was read, and the question; details open on demand', async () => {
  await page.fill('#input', PASTE);
  await page.click('#send');
  const cards = page.locator('.msg.bot.card');
  await cards.nth(1).waitFor({ timeout: 10_000 });
  const card = cards.nth(1);
  const shown = await card.innerText();
  expect(shown).toContain('Server certificate not accepted');
  expect(shown).toMatch(/\d+%/);
  expect(shown).toContain('From your paste');
  // Checks and fixes wait behind the toggle; markdown is rendered, not shown.
  expect(shown).not.toContain('How to fix');
  expect(shown).not.toContain('\\');
  await card.locator('.ac-pushButton', { hasText: 'Details' }).first().click();
  const opened = await card.innerText();
  expect(opened).toContain('How to fix');
  expect(await card.locator('a[href^="https://learn.microsoft.com"]').count()).toBeGreaterThan(0);
  expect(await page.locator('.msg.user').first().innerText()).toBe(PASTE);
  // Every answer of the question can be chosen: as buttons, or as the entries of a list.
  const [c] = await running.store.cases.list();
  const kb = knowledge();
  // The question asked: on the card, and not one the paste answered (those are listed under "From your paste").
  const implied = new Set(c.evidence.flatMap((e) => (e.kind === 'answer' ? [e.question] : [])));
  const asked = kb.kb.questions.find((q) => opened.includes(q.text) && !implied.has(q.id))!;
  expect(asked).toBeDefined();
  const select = card.locator('select');
  if ((await select.count()) > 0) {
    const labels = await select.locator('option').allInnerTexts();
    for (const o of asked.options) expect(labels).toContain(o.label);
  } else {
    const labels = (await card.locator('.ac-pushButton').allInnerTexts()).map((l) => l.trim());
    for (const o of asked.options) expect(labels).toContain(o.label);
  }
  expect(c.evidence.filter((e) => e.kind === 'paste')).toHaveLength(1);
});

test('answering (the last entry of a list, or a button) re-ranks and shows what changed in the next card', async () => {
  const card = page.locator('.msg.bot.card').nth(1);
  const select = card.locator('select');
  let label: string;
  if ((await select.count()) > 0) {
    const options = select.locator('option');
    const last = options.nth((await options.count()) - 1);
    label = (await last.innerText()).trim();
    await select.selectOption({ label });
    await card.locator('.ac-pushButton', { hasText: 'Answer' }).click();
  } else {
    const buttons = card.locator('.ac-pushButton').filter({ hasNotText: 'Details' });
    const button = buttons.last();
    label = (await button.innerText()).trim();
    await button.click();
  }
  const changed = page.locator('.msg.bot.card', { hasText: 'You answered:' });
  await changed.first().waitFor({ timeout: 10_000 });
  const text = await changed.first().innerText();
  expect(text).toContain(`You answered: ${label}.`);
  const [c] = await running.store.cases.list();
  // Beside the paste: the driver its stack trace names (taken from it), and the answer pressed.
  expect(c.evidence.map((e) => [e.kind, e.kind === 'answer' && e.implied === true])).toEqual([
    ['paste', false],
    ['answer', true],
    ['answer', false],
  ]);
});

/** The question the bot asked last (the engine's next step for the case), or undefined when it stopped. */
async function askedNow(): Promise<Question | undefined> {
  const [c] = await running.store.cases.list();
  const next = nextStep(c, knowledge());
  return next.kind === 'question' ? next.question : undefined;
}

test('a question of more than five answers is a list holding every answer; the one picked and sent is recorded', async () => {
  const cards = page.locator('.msg.bot.card');
  let listed: { question: string; option: string; label: string } | undefined;
  for (let i = 0; i < 12 && !listed; i++) {
    const q = await askedNow();
    expect(q).toBeDefined();
    const before = await cards.count();
    const card = cards.last();
    const select = card.locator('select');
    if (q!.options.length > 5) {
      // Every answer is an entry of the list, whole (none dropped past the card's edge).
      const entries = (await select.locator('option').allInnerTexts()).map((t) => t.trim()).filter((t) => t !== 'Pick an answer');
      expect(entries).toEqual(q!.options.map((o) => o.label));
      expect(await card.locator('.ac-pushButton').filter({ hasText: q!.options[0].label }).count()).toBe(0);
      const option = q!.options[q!.options.length - 2];
      await select.selectOption({ label: option.label });
      listed = { question: q!.id, option: option.id, label: option.label };
    } else if ((await card.locator('input[type=radio]').count()) > 0) {
      await card.getByRole('radio', { name: 'Not sure / skip' }).check();
    } else {
      await card.locator('.ac-pushButton', { hasText: 'Not sure / skip' }).click();
      await cards.nth(before).waitFor({ timeout: 20_000 });
      continue;
    }
    await card.locator('.ac-pushButton', { hasText: 'Answer' }).click();
    await cards.nth(before).waitFor({ timeout: 20_000 });
  }
  expect(listed).toBeDefined();
  expect(await cards.last().innerText()).toContain(`You answered: ${listed!.label}.`);
  const [c] = await running.store.cases.list();
  const answers = c.evidence.flatMap((e) => (e.kind === 'answer' && e.question === listed!.question ? [e.option] : []));
  expect(answers).toEqual([listed!.option]);
}, 120_000);

test('an attached text file is sent and read as a paste', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-page-')), 'SQLCHECK_CLIENT.txt');
  fs.copyFileSync(path.join(sharedDir(), 'fixtures', 'sqlcheck', 'a_client_tls12_disabled.txt'), file);
  const before = await page.locator('.msg.bot.card').count();
  await page.setInputFiles('#file', file);
  await page.click('#send');
  await page.locator('.msg.bot.card').nth(before).waitFor({ timeout: 10_000 });
  expect(await page.locator('.msg.bot.card').nth(before).innerText()).toContain('SQLCHECK report');
  const [c] = await running.store.cases.list();
  expect(c.evidence.map((e) => e.kind)).toContain('sqlcheck');
  expect(pageErrors).toEqual([]);
});
