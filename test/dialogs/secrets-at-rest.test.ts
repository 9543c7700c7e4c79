/**
 * Nothing a user sends is kept raw: while a question is pending the dialog state sits in the data
 * file, and a paste, an attached file, the text sent with it and the escalation answers must all be
 * redacted there (and in every reply) already.
 */
import * as fs from 'fs';
import * as path from 'path';
import { allText, harness, Harness } from './harness';

const CANARY = 'Zq7CanaryDlg';
const ERROR = "Login failed for user 'app'. (Microsoft SQL Server, Error: 18456)";

/** Every byte the bot wrote under its data folder (data file, appended change lines, audit log). */
function everythingStored(dir: string): string {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(fs.readFileSync(p, 'latin1'));
    }
  };
  walk(dir);
  return out.join('\n');
}

describe('secrets never reach the conversation state', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness('msteams');
  });
  afterEach(async () => h.close());

  test('a paste waiting on a question is stored redacted, and the reply says a secret was removed', async () => {
    const seen = await h.say(`${ERROR}\nServer=db1;User ID=app;Password="${CANARY};x";Encrypt=True`);
    expect(allText(seen)).toContain('1 secret (passwords, keys) removed');
    // A question is pending: the dialog stack (with its options) is in the data file now.
    await h.store.close();
    const stored = everythingStored(h.dir);
    expect(stored).toContain('dialogs');
    expect(stored).not.toContain(CANARY);
  });

  test('text typed while a question waits, an attached file and the note sent with it are redacted', async () => {
    await h.say(ERROR);
    const typed = await h.say(`also seen: MSSQL_SA_PASSWORD=${CANARY}1 in the container`);
    const file = Buffer.from(`${ERROR}\n<add name="db" connectionString="Server=db1;Pwd=&amp;${CANARY}2;" />\n`);
    const attached = await h.say({
      type: 'message',
      text: `the config, token Authorization: Bearer ${CANARY}3`,
      attachments: [{ contentType: 'text/plain', name: 'web.config.txt', contentUrl: `data:text/plain;base64,${file.toString('base64')}` }],
    });
    for (const seen of [typed, attached]) expect(allText(seen)).not.toContain(CANARY);
    await h.store.close();
    expect(everythingStored(h.dir)).not.toContain(CANARY);
  });

  test('the escalation impact and contact are stored redacted', async () => {
    await h.say(ERROR);
    await h.say('escalate');
    await h.say(`payroll down; the app uses sqlcmd -U sa -P ${CANARY}4`);
    const done = await h.say(`dba on call, pwd: ${CANARY}5`);
    expect(allText(done)).toMatch(/escalated/);
    expect(allText(done)).not.toContain(CANARY);
    const [c] = await h.store.cases.list({ limit: 1 });
    expect(c.escalation?.impact).toContain('sqlcmd -U sa -P ***');
    await h.store.close();
    expect(everythingStored(h.dir)).not.toContain(CANARY);
  });
});
