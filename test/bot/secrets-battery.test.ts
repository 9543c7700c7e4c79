/**
 * Canary battery (issue #13): every credential form, each with its own canary, in every input kind
 * (a typed paste, Teams HTML, an attached file and the text sent with it, a SQLCHECK report, the
 * escalation's impact and contact answers), through the real bot over HTTP (restify, lowdb file),
 * an escalation posted to a loopback connector, `sqltriage case show`, `classify` and `sqlcheck` on
 * the CLI, and the escalation renderings of every channel. Then every byte written or shown is
 * searched: the data folder (data file, change lines, audit), the server log, the replies, the
 * posts, the CLI output. Not one canary may be found.
 */
import * as fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createBot } from '../../src/bot/bot';
import { createServer, type BotServer } from '../../src/bot/server';
import { renderEscalationFor } from '../../src/bot/render/escalation';
import { escalationSettings } from '../../dialogs/escalation-destination';
import { buildKnowledge } from '../../src/kb/build';
import { indexKnowledge } from '../../src/kb/compiled';
import { openStore, type OpenedStore } from '../../src/store';
import { escalationSummary, renderEscalationJson, renderEscalationMarkdown } from '../../src/triage';
import { runCliWith } from '../helpers/cli';
import { say } from './server-harness';

/** The forms, each written as people paste it; `$` is where the canary goes. */
const FORMS: [string, string][] = [
  ['ado.net Password=', 'Server=tcp:db1,1433;Initial Catalog=Sales;User ID=app;Password=$;Encrypt=True'],
  ['quoted with ;; and doubled quotes', 'Server=db1;User ID=app;Pwd="$;;x""y";Encrypt=True'],
  ['unterminated quote', "Server=db1;User ID=app;Password='$ and the rest"],
  ["value starting with &", 'Server=db1;Password=&$;Database=Sales'],
  ['value starting with \\', 'Server=db1;Password=\\$;Database=Sales'],
  ['value starting with <', 'Server=db1;Password=<$>;Database=Sales'],
  ['ODBC PWD={}', 'Driver={ODBC Driver 18 for SQL Server};Server=db1;UID=app;PWD={$;}}x};'],
  ['JDBC password', 'jdbc:sqlserver://db1:1433;databaseName=Sales;user=app;password=$;encrypt=true'],
  ['MSSQL_SA_PASSWORD', 'docker run -e "ACCEPT_EULA=Y" -e "MSSQL_SA_PASSWORD=$" -p 1433:1433 -d mcr.microsoft.com/mssql/server:2022-latest'],
  ['SA_PASSWORD', 'SA_PASSWORD=$'],
  ['sqlcmd -P', 'sqlcmd -S db1,1433 -U sa -P $ -Q "SELECT 1"'],
  ['bcp -P', 'bcp Sales.dbo.Orders out o.dat -S db1 -U app -P$ -c'],
  ['--password=', 'sqlcmd -S db1 -U sa --password=$'],
  ['URL user:pw@host', 'mssql://app:$@db1:1433/Sales'],
  ['Password%3D', 'GET /diag?cs=Server%3Ddb1%3BPassword%3D$%3BEncrypt%3DTrue HTTP/1.1'],
  ['<password> element', '<password>$</password>'],
  ['JSON "password"', '{"user": "app", "password": "$"}'],
  ['Authorization: Bearer (short)', 'Authorization: Bearer $'],
  ['JWT', 'token eyJhbGciOiJSUzI1NiJ9.eyJvaWQiOiJ4eXoxMjMifQ.$-sig expired'],
  ['SAS sig=', 'https://acct.blob.core.windows.net/bak/db.bak?sv=2022-11-02&sp=r&sig=$%3D&se=2026-12-01'],
  ['AccountKey=', 'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=$/Zm9v==;EndpointSuffix=core.windows.net'],
  ['client_secret=', 'client_id=11111111-2222-4333-a444-555555555555&client_secret=$&grant_type=client_credentials'],
  ['Entra secret shape', 'the secret abc8Q~$abcdefghijklmnopqrstuv expired'],
  ['KeyStoreSecret', 'Driver={ODBC Driver 18 for SQL Server};Server=db1;KeyStoreAuthentication=KeyVaultClientSecret;KeyStoreSecret=$;'],
  ['split by console wrapping', 'retrying the call to https://management.azure.com with Authorization: Bea\nrer $'],
];

const canaryOf = (i: number): string => `Kq${String(i).padStart(2, '0')}Zr9Wv`;
const lines = FORMS.map(([, form], i) => form.replace('$', canaryOf(i)));
const CANARIES = FORMS.map((_, i) => canaryOf(i));
const ERROR = "Login failed for user 'app'. (Microsoft SQL Server, Error: 18456)";
const REPORT = fs.readFileSync(path.join(__dirname, '../../../shared/fixtures/sqlcheck/c_alias_wrong_port.txt'), 'utf8');

/** Which canaries `text` shows (line breaks and JSON escapes of them ignored). */
function found(text: string): string[] {
  const joined = text.replace(/\\r|\\n|\r|\n/g, '');
  return CANARIES.filter((c) => text.includes(c) || joined.includes(c)).map((c) => `${FORMS[CANARIES.indexOf(c)][0]} (${c})`);
}

function filesUnder(dir: string): string {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    out.push(e.isDirectory() ? filesUnder(p) : fs.readFileSync(p, 'latin1'));
  }
  return out.join('\n');
}

/** Answers impact and contact in pieces of at most 480 characters (what the bot keeps of one answer). */
function pieces(all: string[]): string[] {
  const out: string[] = [];
  let cur = '';
  for (const l of all) {
    if (cur && cur.length + l.length + 3 > 480) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur} | ${l}` : l;
  }
  if (cur) out.push(cur);
  return out;
}

async function startConnector(): Promise<{ url: string; posted: string[]; close(): Promise<void> }> {
  const posted: string[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      posted.push(`${req.url} ${raw}`);
      res.statusCode = 200;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: `posted-${posted.length}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, posted, close: () => new Promise((r) => server.close(() => r())) };
}

describe('canary battery: no secret in any form survives any path', () => {
  const seen: { where: string; text: string }[] = [];
  const record = (where: string, value: unknown): void => {
    seen.push({ where, text: typeof value === 'string' ? value : JSON.stringify(value) });
  };
  let dir: string;
  let store: OpenedStore | undefined;
  let server: BotServer | undefined;
  let connector: Awaited<ReturnType<typeof startConnector>>;
  const log: string[] = [];
  const kb = indexKnowledge(buildKnowledge());

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-battery-'));
    connector = await startConnector();
    store = await openStore({ dir });
    const reference = { serviceUrl: connector.url, channelId: 'msteams', conversation: { id: '19:dba@thread.tacv2', name: 'DBA escalations' } };
    const escalation = escalationSettings(store.storage, { SQLTRIAGE_ESCALATION_REFERENCE: JSON.stringify(reference) });
    const s = store;
    const bot = createBot({ storage: s.storage, cases: s.cases, audit: s.audit, kb, escalation });
    server = createServer({ bot, storage: s.storage, storageKind: 'file', env: {}, version: '9.9.9-test', log: (l) => log.push(l) });
    const port = await server.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${port}`;
    const send = async (conversation: string, text: string, extra: Record<string, unknown> = {}): Promise<void> => {
      const r = await say(url, conversation, text, extra);
      expect(r.status).toBe(200);
      record(`reply in ${conversation}`, r.body);
    };

    // A typed paste per form.
    for (const [i, line] of lines.entries()) await send(`paste-${i}`, `${ERROR}\n${line}`);
    // All forms in one Teams message (HTML, entities).
    const html = [ERROR, ...lines].map((l) => `<div>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</div>`).join('');
    await send('teams-html', html, { channelId: 'msteams' });
    // An attached file holding every form, and the text sent with it holding every form again.
    const file = Buffer.from([ERROR, ...lines].join('\n'));
    await send('attachment', lines.join(' ; '), {
      attachments: [{ contentType: 'text/plain', name: 'web.config.txt', contentUrl: `data:text/plain;base64,${file.toString('base64')}` }],
    });
    // A SQLCHECK report with every form among its lines.
    const report = REPORT.split('\n');
    report.splice(12, 0, ...lines.map((l) => `  ${l}`));
    await send('sqlcheck', report.join('\n'));
    // Escalations whose impact and contact answers carry the forms.
    const answers = pieces(lines);
    for (let k = 0; k < answers.length; k += 2) {
      const conv = `escalate-${k}`;
      await send(conv, ERROR);
      await send(conv, 'escalate');
      await send(conv, answers[k]);
      await send(conv, answers[k + 1] ?? 'skip');
    }
    await server.close();
    server = undefined;
    await store.close();
    store = undefined;
  }, 120_000);

  afterAll(async () => {
    if (server) await server.close();
    if (store) await store.close();
    await connector.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the bot kept the cases (redacted) and posted the escalations', async () => {
    const data = filesUnder(dir);
    expect(data).toContain('***');
    expect(data).toContain('"kind":"sqlcheck"');
    expect(connector.posted.length).toBe(Math.ceil(pieces(lines).length / 2));
    expect(found(data)).toEqual([]);
    expect(found(log.join('\n'))).toEqual([]);
    expect(found(connector.posted.join('\n'))).toEqual([]);
    for (const s of seen) expect({ where: s.where, leaked: found(s.text) }).toEqual({ where: s.where, leaked: [] });
  });

  test('`sqltriage case show` and every channel rendering of every case', async () => {
    const env = { ...process.env, SQLTRIAGE_DATA_DIR: dir, SQLTRIAGE_STORAGE: 'file' };
    const listed = await runCliWith(['case', 'list', '--limit', '100'], { env });
    expect(listed.code).toBe(0);
    const ids = [...listed.stdout.matchAll(/^(ST-\S+)/gm)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThanOrEqual(FORMS.length + 3);
    const reopened = await openStore({ dir });
    try {
      for (const id of ids) {
        for (const format of ['markdown', 'json']) {
          const shown = await runCliWith(['case', 'show', id, '--format', format], { env });
          expect(shown.code).toBe(0);
          expect({ id, format, leaked: found(shown.stdout + shown.stderr) }).toEqual({ id, format, leaked: [] });
        }
        const c = (await reopened.cases.get(id))!;
        const summary = escalationSummary(c, kb, { includePasteText: true });
        const renderings = [renderEscalationMarkdown(summary), renderEscalationJson(summary), ...['msteams', 'slack', 'emulator', 'webchat'].map((ch) => JSON.stringify(renderEscalationFor(ch, summary)))];
        expect({ id, leaked: found(renderings.join('\n')) }).toEqual({ id, leaked: [] });
      }
    } finally {
      await reopened.close();
    }
  });

  test('the CLI: classify (text, --json, --batch) and sqlcheck (text, --json)', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-battery-cli-'));
    try {
      const paste = path.join(work, 'paste.txt');
      fs.writeFileSync(paste, [ERROR, ...lines].join('\n'));
      const batch = path.join(work, 'items.jsonl');
      fs.writeFileSync(batch, lines.map((l, i) => JSON.stringify({ id: i, text: `${ERROR}\n${l}` })).join('\n'));
      const reportFile = path.join(work, 'report.txt');
      const report = REPORT.split('\n');
      report.splice(12, 0, ...lines);
      fs.writeFileSync(reportFile, report.join('\n'));
      for (const args of [['classify', paste], ['classify', paste, '--json'], ['classify', '--batch', batch], ['sqlcheck', reportFile], ['sqlcheck', reportFile, '--json']]) {
        const run = await runCliWith(args, { cwd: work });
        expect({ args: args.join(' '), code: run.code }).toEqual({ args: args.join(' '), code: 0 });
        expect({ args: args.join(' '), leaked: found(run.stdout + run.stderr) }).toEqual({ args: args.join(' '), leaked: [] });
      }
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
