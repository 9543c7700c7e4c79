import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../helpers/cli';
import { FIXTURE_DIR, FIXTURES } from '../parse/sqlcheck/fixtures';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'sqltriage.js');

const CERT =
  'Microsoft.Data.SqlClient.SqlException (0x80131904): A connection was successfully established with the server, but then an error occurred during the login process. ' +
  '(provider: SSL Provider, error: 0 - The certificate chain was issued by an authority that is not trusted.)';

const lines = (...events: unknown[]): string => events.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join('\n') + '\n';
const replies = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l));

/** Runs the built command in a process of its own, as a ticket system would. */
function spawnSession(input: string, args: string[] = []) {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'src', 'cli', 'main.js'))) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT });
  return spawnSync(process.execPath, [BIN, 'session', ...args], { input, encoding: 'utf8' });
}

describe('sqltriage session (a process of its own)', () => {
  test('a paste, a bad line in the middle, an answer: one reply per line, the session goes on, exit 0', () => {
    const first = replies(spawnSession(lines({ paste: CERT })).stdout)[0];
    const q = first.next.question;
    const option = q.options.find((o: { id: string }) => o.id !== 'unsure').id;
    const r = spawnSession(lines({ paste: CERT, name: 'error.txt' }, 'this is not json', { answer: { question: q.id, option } }));
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const [paste, bad, answered] = replies(r.stdout);

    expect(paste.kind).toBe('error');
    expect(paste.families[0].id).toBe('certificate-untrusted');
    expect(paste.causes).toHaveLength(first.causes.length);
    expect(paste.causes[0]).toEqual({ id: expect.any(String), title: expect.any(String), score: expect.any(Number) });
    const scores = paste.causes.map((c: { score: number }) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(paste.implied).toContainEqual(expect.objectContaining({ question: 'driver', option: 'sqlclient-new', label: expect.any(String), text: expect.any(String) }));
    expect(paste.next.question.options).toContainEqual({ id: 'unsure', label: 'Not sure / skip' });

    expect(bad).toEqual({ error: 'not JSON', line: 2 });

    expect(answered.kind).toBe('error');
    expect(answered.causes).not.toEqual(paste.causes);
    if ('question' in answered.next) expect(answered.next.question.id).not.toBe(q.id);
    else expect(answered.next.done).toEqual({ reason: expect.any(String), offers: expect.arrayContaining(['escalate']) });
  });

  test('bad usage is exit 2 with one line on stderr', () => {
    const r = spawnSession('', ['--no-such-flag']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('sqltriage session refuses a bad event by line number and carries on', () => {
  test.each([
    ['an answer before any paste', [{ answer: { question: 'frequency', option: 'always' } }], 1, /no case yet/],
    ['an unknown question', [{ paste: CERT }, { answer: { question: 'no-such-question', option: 'x' } }], 2, /unknown question 'no-such-question'/],
    ['an unknown option', [{ paste: CERT }, { answer: { question: 'frequency', option: 'sometimes' } }], 2, /question 'frequency' has no option 'sometimes'/],
    ['an already answered question', [{ paste: CERT }, { answer: { question: 'frequency', option: 'always' } }, { answer: { question: 'frequency', option: 'unsure' } }], 3, /already answered/],
    ['an empty paste', [{ paste: '   ' }], 1, /empty/],
    ['a JSON value that is not an event', [[1, 2, 3]], 1, /expected a JSON object/],
    ['an event with neither paste nor answer', [{ question: 'frequency' }], 1, /expected "paste" or "answer"/],
    ['a paste that is not a string', [{ paste: 42 }], 1, /"paste" must be a string/],
  ])('%s', async (_name, events, line, message) => {
    const r = await runCli(['session'], lines(...events, { paste: CERT }));
    expect(r.code).toBe(0);
    const out = replies(r.stdout);
    expect(out).toHaveLength(events.length + 1);
    expect(out[line - 1]).toEqual({ error: expect.stringMatching(message), line });
    // The session went on: the last line was answered.
    expect(out[out.length - 1].kind).toBe('error');
  });

  test('blank lines are skipped but counted, so line numbers match the input', async () => {
    const r = await runCli(['session'], lines({ paste: CERT }, '', 'nope'));
    expect(replies(r.stdout)).toEqual([expect.objectContaining({ kind: 'error' }), { error: 'not JSON', line: 3 }]);
  });

  test('a correction of an answer the paste implied is accepted', async () => {
    const r = await runCli(['session'], lines({ paste: CERT }, { answer: { question: 'driver', option: 'odbc18' } }));
    const [paste, corrected] = replies(r.stdout);
    expect(paste.implied.map((i: { question: string }) => i.question)).toContain('driver');
    expect(corrected.error).toBeUndefined();
    expect(corrected.implied.map((i: { question: string }) => i.question)).not.toContain('driver');
  });

  test('answering unsure changes no score', async () => {
    const first = replies((await runCli(['session'], lines({ paste: CERT }))).stdout)[0];
    const q = first.next.question.id;
    const [a, b] = replies((await runCli(['session'], lines({ paste: CERT }, { answer: { question: q, option: 'unsure' } }))).stdout);
    expect(b.causes).toEqual(a.causes);
    expect(b.next.question?.id).not.toBe(q);
  });

  test('text that is not about SQL Server says unknown and asks nothing', async () => {
    const [out] = replies((await runCli(['session'], lines({ paste: 'Are we still on for lunch on Friday? I can bring the slides.' }))).stdout);
    expect(out.kind).toBe('unknown');
    expect(out.next.done.reason).toBe('no-evidence');
  });

  test('an error from another database is kind foreign, names the product, gives no family 0.5 and asks nothing', async () => {
    const paste = "ERROR 2003 (HY000): Can't connect to MySQL server on 'db01.internal:3306' (111)";
    const [out] = replies((await runCli(['session'], lines({ paste }))).stdout);
    expect(out).toMatchObject({ kind: 'foreign', foreign: { product: 'mysql', name: 'MySQL' } });
    expect(out.families[0].score).toBeLessThan(0.5);
    expect(out.next.done.reason).toBe('no-evidence');
  });

  test('a SQLCHECK report is kind sqlcheck', async () => {
    const report = fs.readFileSync(path.join(FIXTURE_DIR, FIXTURES.b), 'utf8');
    const [out] = replies((await runCli(['session'], lines({ paste: report, name: FIXTURES.b }))).stdout);
    expect(out.kind).toBe('sqlcheck');
  });
});

describe('sqltriage session input limits', () => {
  test('a line over the size limit is refused by number without holding it, and the next line is answered', async () => {
    const huge = `{"paste": "${'x'.repeat(13 * 1024 * 1024)}"}`;
    const r = await runCli(['session'], `${huge}\n${JSON.stringify({ paste: CERT })}\n`);
    const [first, second] = replies(r.stdout);
    expect(first).toEqual({ error: expect.stringMatching(/line is 13\.0 MB; the limit is \d+ MB/), line: 1 });
    expect(second.kind).toBe('error');
  });
});
