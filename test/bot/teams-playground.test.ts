/**
 * Teams as a user sees it: the real Microsoft 365 Agents Playground (`@microsoft/m365agentsplayground`,
 * Microsoft's local Teams emulator) in headless Chromium, talking msteams activities to the real bot
 * (restify server, dialogs, lowdb data file). Paste an error, answer a question of more than five
 * answers through its list, open a cause's details, press "That fixed it" and pick the cause: the
 * case in the bot's store is closed with it.
 *
 * Nothing leaves loopback: the Playground runs with a preload that binds its server to 127.0.0.1
 * and refuses every other connection (it sends telemetry even with --disable-telemetry), and the
 * browser aborts every request that is not for 127.0.0.1 (the Playground page asks a CDN for fonts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createBot } from '../../src/bot/bot';
import { asButtons } from '../../src/bot/render/choice-layout';
import { choiceBlock, resolveQuestionMessage } from '../../src/messages/triage-messages';
import type { ChoiceBlock } from '../../src/messages/model';
import { nextStep } from '../../src/triage/next-step';
import { diagnose } from '../../src/triage/diagnose';
import type { Question } from '../../src/kb/types';
import type { Case } from '../../src/triage/types';
import { knowledge } from '../dialogs/harness';
import { removeDir, type Running, startServer } from './server-harness';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ROOT = path.resolve(__dirname, '../..');
const PLAYGROUND = path.join(ROOT, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
const PRELOAD = path.join(ROOT, 'test', 'helpers', 'loopback-only.cjs');
/** Two cores shared by many processes: a turn through the Playground can take seconds. */
const TURN_MS = 60_000;

// No stack trace, no driver named: the engine has questions to ask before one cause leads.
const PASTE = 'A connection was successfully established with the server, but then an error occurred during the login process. (provider: SSL Provider, error: 0 - The certificate chain was issued by an authority that is not trusted.)';

const kb = knowledge();
let running: Running;
let playground: ChildProcess;
let playgroundErr = '';
let dir: string;
let browser: Browser;
let page: Page;
const blocked: string[] = [];
const pageErrors: string[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** The local addresses a TCP port is listening on, from the kernel's own table (Linux). */
function listeningOn(port: number): string[] {
  const out: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state !== '0A' || !local) continue;
      const [addr, p] = local.split(':');
      if (parseInt(p, 16) !== port) continue;
      out.push(addr.length === 8 ? addr.match(/../g)!.reverse().map((h) => parseInt(h, 16)).join('.') : `ipv6:${addr}`);
    }
  }
  return out;
}

async function theCase(): Promise<Case> {
  const cases = await running.store.cases.list();
  expect(cases).toHaveLength(1);
  return cases[0];
}

/** The question the bot has just asked (the engine's next step for the case), or undefined when it stopped. */
async function askedNow(): Promise<Question | undefined> {
  const next = nextStep(await theCase(), kb);
  return next.kind === 'question' ? next.question : undefined;
}

const answeredCount = () => page.getByText(/^You answered: /).count();

/** Waits until one more "You answered" card than `before` shows. */
async function nextAnswerCard(before: number): Promise<void> {
  await page.getByText(/^You answered: /).nth(before).waitFor({ timeout: TURN_MS });
}

/** Picks an answer on the newest card the way its layout offers it: a button, a radio list or a dropdown. */
async function pick(block: ChoiceBlock, optionId: string): Promise<void> {
  const label = block.options.find((o) => o.id === optionId)!.label;
  if (asButtons(block)) {
    await page.getByRole('button', { name: label, exact: true }).last().click();
    return;
  }
  if (block.options.length > 5) {
    await page.getByRole('combobox').last().click();
    await page.getByRole('option', { name: label, exact: true }).click();
  } else {
    await page.getByRole('radio', { name: label, exact: true }).last().check();
  }
  await page.getByRole('button', { name: 'Answer', exact: true }).last().click();
}

/** Answers the question the bot has just asked and waits for the card that says so. */
async function answer(q: Question, optionId: string): Promise<void> {
  const before = await answeredCount();
  await pick(choiceBlock(q), optionId);
  await nextAnswerCard(before);
  const label = q.options.find((o) => o.id === optionId)!.label;
  await page.getByText(`You answered: ${label}.`).last().waitFor({ timeout: TURN_MS });
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium)`);
  if (!fs.existsSync(PLAYGROUND)) throw new Error(`${PLAYGROUND} is missing: run npm ci (it is a devDependency)`);
  running = await startServer({ bot: (s) => createBot({ storage: s.storage, cases: s.cases, audit: s.audit, kb }) });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-playground-'));
  const port = await freePort();
  playground = spawn(
    process.execPath,
    ['--require', PRELOAD, PLAYGROUND, '-e', `${running.url}/api/messages`, '-c', 'msteams', '-p', String(port), '--service-url', `http://127.0.0.1:${port}/_connector`, '--disable-telemetry'],
    // Its log file and configuration lookup stay in our temp folder; TEAMSAPPTESTER_BROWSER=none: no browser of its own.
    { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir, TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_LOGFILE: path.join(dir, 'playground.log') }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  playground.stderr!.on('data', (c: Buffer) => (playgroundErr += c.toString()));
  const listening = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the Playground did not start within 60 s: ${out} ${playgroundErr}`)), 60_000);
    playground.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Listening on (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    playground.once('exit', (code) => reject(new Error(`the Playground exited with ${code}: ${out} ${playgroundErr}`)));
  });
  expect(listening).toBe(port);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  page = await browser.newPage({ viewport: { width: 1400, height: 1400 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const local = new RegExp(`^(http|ws)://(127\\.0\\.0\\.1|localhost):${port}/`);
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (local.test(url)) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  await page.goto(`http://127.0.0.1:${port}/`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (playground && playground.exitCode === null) {
    const gone = new Promise((r) => playground.once('exit', r));
    playground.kill('SIGTERM');
    await gone;
  }
  if (running) {
    await running.stop();
    await removeDir(running.dir);
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('the Playground listens on 127.0.0.1 only (the preload is in force) and the page needs nothing beyond loopback', () => {
  // It names no host when it listens: without the preload this would be every interface.
  expect(listeningOn(Number(new URL(page.url()).port))).toEqual(['127.0.0.1']);
  // What the browser was refused is decoration (fonts, an animation from a CDN), never the Playground itself.
  for (const url of blocked) expect(url).toMatch(/^https:\/\/[^/]*cdn\.office\.net\//);
});

test('Teams shows the welcome when the conversation starts', async () => {
  await page.getByText('SQL Server connection triage').first().waitFor({ timeout: TURN_MS });
  expect(await running.store.cases.list()).toHaveLength(0);
});

test('paste, answer a question of more than five answers from its list, open a cause\'s details, "That fixed it": the case closes with the cause', async () => {
  const box = page.locator('[contenteditable="true"][role="textbox"]');
  await box.fill(PASTE);
  await box.press('Enter');
  await page.getByText('Server certificate not accepted').first().waitFor({ timeout: TURN_MS });
  const c0 = await theCase();
  expect(c0.evidence.filter((e) => e.kind === 'paste')).toHaveLength(1);

  // Every question with more than five answers comes as a list: all its answers are there, and one is picked
  // from it (the driver's "Microsoft JDBC driver" was past the card's edge before); the others are skipped.
  const listed: { question: string; option: string }[] = [];
  for (let i = 0; i < 16; i++) {
    const q = await askedNow();
    if (!q) break;
    if (q.options.length <= 5 || listed.some((l) => l.question === 'driver')) {
      await answer(q, 'unsure');
      continue;
    }
    const list = page.getByRole('combobox').last();
    await list.click();
    expect((await page.getByRole('option').allInnerTexts()).map((t) => t.trim())).toEqual(q.options.map((o) => o.label));
    await list.press('Escape');
    const option = q.id === 'driver' ? 'jdbc' : q.options[q.options.length - 2].id;
    await answer(q, option);
    listed.push({ question: q.id, option });
    if (listed.length === 1) {
      // Details open on demand, in the diagnosis card itself.
      expect(await page.getByText('How to fix').first().isVisible()).toBe(false);
      await page.getByRole('button', { name: 'Details: how to confirm and fix' }).first().click();
      await page.getByText('How to fix').first().waitFor({ state: 'visible', timeout: TURN_MS });
      expect(await page.locator('a[href^="https://learn.microsoft.com"]').first().isVisible()).toBe(true);
    }
  }
  expect(listed.length).toBeGreaterThan(0);
  const given = (await theCase()).evidence.flatMap((e) => (e.kind === 'answer' && !e.implied && e.option !== 'unsure' ? [{ question: e.question, option: e.option }] : []));
  expect(given).toEqual(listed);

  expect(await askedNow()).toBeUndefined();
  const fixed = page.getByRole('button', { name: 'That fixed it', exact: true }).last();
  await fixed.waitFor({ timeout: TURN_MS });
  await fixed.click();
  await page.getByText(/^Good news\. Which cause was it\?/).last().waitFor({ timeout: TURN_MS });

  // The leading cause, from the card that asks which one it was.
  const c1 = await theCase();
  const leader = diagnose(c1, kb).causes[0];
  const which = resolveQuestionMessage(diagnose(c1, kb), c1.id).blocks.find((b): b is ChoiceBlock => b.kind === 'choice')!;
  await pick(which, leader.id);
  await page.getByText(/is closed \(confirmed cause: /).last().waitFor({ timeout: TURN_MS });
  const closed = await theCase();
  expect(closed.status).toBe('resolved');
  expect(closed.confirmedCause).toBe(leader.id);
  expect(pageErrors).toEqual([]);
}, 600_000);
