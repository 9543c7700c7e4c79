/** The chat says what it read from each artifact, on every channel, pasted or attached. */
import { CHANNELS, harness, Harness } from './harness';
import { sample } from '../parse/artifacts/fixtures';
import { ERRORS } from '../triage/artifact-samples';

describe.each(CHANNELS)('artifacts on %s', (channel) => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness(channel);
  });
  afterEach(async () => h.close());

  test('an error and a netstat in one message: what was read from netstat, and the wrong port first', async () => {
    const [diagnosis] = await h.say(`${ERRORS.refused}\n\n${sample('netstat-aon-1434.txt')}`);
    expect(diagnosis.text).toContain('Read from netstat -aon (Windows)');
    expect(diagnosis.text).toContain('Other TCP listeners: 1434 (PID 4321), 3389 (PID 1196)');
    expect(diagnosis.text).toMatch(/Connection string names a port SQL Server does not listen on/);
    const [c] = await h.store.cases.list({ limit: 1 });
    expect(c.evidence.map((e) => e.kind).filter((k) => k !== 'answer')).toEqual(['artifact', 'paste']);
  });

  test('an attached ERRORLOG excerpt: its login failure is read and the wrong password leads', async () => {
    const file = Buffer.from(sample('errorlog-logins.txt'));
    const [diagnosis] = await h.say({
      type: 'message',
      text: 'here is the server log',
      attachments: [{ contentType: 'text/plain', name: 'ERRORLOG.txt', contentUrl: `data:text/plain;base64,${file.toString('base64')}` }],
    });
    expect(diagnosis.text).toContain('Read from SQL Server ERRORLOG');
    expect(diagnosis.text).toContain("'appuser' state 8 (Password did not match that for the login provided)");
    expect(diagnosis.text).toContain('Wrong password for a SQL login');
  });
});
