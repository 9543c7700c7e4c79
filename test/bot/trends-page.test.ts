/**
 * The trends page in headless Chromium against the real server and a lowdb store of generated
 * cases: every chart is drawn with data, nothing is fetched from outside loopback, and a screenshot
 * is kept as a test artifact in test-artifacts/ (git-ignored; never compared, never committed).
 */
import * as fs from 'fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, Browser, Page } from 'playwright-core';
import { ActivityHandler } from 'botbuilder';
import { createServer, type BotServer } from '../../src/bot/server';
import { openStore, type OpenedStore } from '../../src/store';
import { knowledge } from '../dialogs/harness';
import { teamCases } from '../learn/trends-cases';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts');
const CHART_JS = path.join(__dirname, '..', '..', 'node_modules', 'chart.js', 'dist', 'chart.umd.js');
const CHARTS = ['chart-weekly', 'chart-causes', 'chart-close', 'chart-escalation', 'chart-probes'];

let dir: string;
let store: OpenedStore;
let server: BotServer;
let url: string;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const outside: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(CHART_JS)) throw new Error(`${CHART_JS} is missing: run npm install (package.json lists chart.js, which the trends page serves)`);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium) to run the trends page test`);
  const kb = knowledge();
  dir = await mkdtemp(path.join(os.tmpdir(), 'sqltriage-trends-page-'));
  store = await openStore({ dir });
  for (const c of teamCases(kb)) await store.cases.put(c);
  server = createServer({ bot: new ActivityHandler(), storage: store.storage, storageKind: 'file', env: {}, log: () => undefined, trends: { cases: store.cases, kb: () => kb } });
  url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  page = await browser.newPage({ viewport: { width: 1400, height: 1200 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.route('**/*', (route) => {
    if (route.request().url().startsWith(url)) return route.continue();
    outside.push(route.request().url());
    return route.abort();
  });
  await page.goto(`${url}/trends`);
  await page.waitForSelector('body[data-ready]', { timeout: 15_000 });
}, 40_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('the page loads its data and draws without errors or requests beyond the bot', async () => {
  expect(await page.getAttribute('body', 'data-ready')).toBe('true');
  expect(pageErrors).toEqual([]);
  expect(outside).toEqual([]);
  expect(await page.locator('#subtitle').innerText()).toContain('41 cases changed in these weeks');
  expect(await page.locator('#tiles').innerText()).toMatch(/41\s+cases opened in these weeks/);
});

test.each(CHARTS)('chart %s is drawn by Chart.js with data', async (id) => {
  const drawn = await page.evaluate((canvasId) => {
    const canvas = document.getElementById(canvasId) as HTMLCanvasElement;
    const chart = (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): { data: { labels: unknown[]; datasets: { data: (number | null)[] }[] } } | undefined } }).Chart.getChart(canvas);
    if (!chart) return { labels: 0, values: 0, width: canvas.width, hidden: canvas.hidden };
    const values = chart.data.datasets.flatMap((s) => s.data).filter((v) => typeof v === 'number' && v > 0).length;
    return { labels: chart.data.labels.length, values, width: canvas.width, hidden: canvas.hidden };
  }, id);
  expect(drawn.hidden).toBe(false);
  expect(drawn.labels).toBeGreaterThan(0);
  expect(drawn.values).toBeGreaterThan(0);
  expect(drawn.width).toBeGreaterThan(200);
  expect(Number(await page.getAttribute(`#${id}`, 'data-points'))).toBeGreaterThan(0);
});

test('a screenshot of the whole page is kept as a test artifact', async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, 'trends-page.png');
  await page.screenshot({ path: file, fullPage: true });
  expect(fs.statSync(file).size).toBeGreaterThan(20_000);
});
