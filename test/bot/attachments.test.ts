import * as net from 'net';
import type { AddressInfo } from 'net';
import { attachmentRule, checkedLookup, LOCAL_ONLY } from '../../src/bot/attachment-addresses';
import { AttachmentLimits, DEFAULT_ATTACHMENT_LIMITS, fetchAttachment, fetchAttachments, TEAMS_FILE_DOWNLOAD } from '../../src/bot/attachments';

/**
 * A real HTTP server on loopback, written on plain sockets: restify (loaded by other test files in
 * the same jest worker) patches http.ServerResponse, so a test server built on it would not be ours.
 */
type Reply = (sock: net.Socket) => void;
let server: net.Server;
let base: string;
const routes = new Map<string, Reply>();

const respond = (status: number, body: Buffer | string, headers: Record<string, string> = {}): Reply => (sock) => {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const head = Object.entries({ 'content-length': String(buf.length), connection: 'close', ...headers }).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  sock.end(Buffer.concat([Buffer.from(`HTTP/1.1 ${status} X\r\n${head}\r\n`), buf]));
};

beforeAll(async () => {
  server = net.createServer((sock) => {
    sock.once('data', (data) => {
      const url = /^GET (\S+)/.exec(data.toString('latin1'))?.[1] ?? '';
      (routes.get(url) ?? respond(404, ''))(sock);
    });
    sock.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

const report = 'SQLCHECK report\r\n' + 'Computer: APP01\r\n'.repeat(2000);

describe('fetchAttachment', () => {
  test('downloads a text file attached from the web page or emulator', async () => {
    routes.set('/report.txt', respond(200, report, { 'content-type': 'text/plain' }));
    expect(await fetchAttachment({ contentType: 'text/plain', name: 'SQLCHECK_APP01.txt', contentUrl: `${base}/report.txt` })).toEqual({ name: 'SQLCHECK_APP01.txt', text: report });
  });

  test('follows a redirect to the file', async () => {
    routes.set('/moved', respond(302, '', { location: '/report.txt' }));
    expect(await fetchAttachment({ contentType: 'text/plain', contentUrl: `${base}/moved` })).toMatchObject({ text: report });
  });

  test('follows a Teams file download URL', async () => {
    routes.set('/teams-file', respond(200, 'Login failed for user sa'));
    const got = await fetchAttachment({ contentType: TEAMS_FILE_DOWNLOAD, name: 'err.txt', content: { downloadUrl: `${base}/teams-file`, fileType: 'txt' } });
    expect(got).toEqual({ name: 'err.txt', text: 'Login failed for user sa' });
  });

  test('reads data: URLs, base64 and percent-encoded', async () => {
    const b64 = `data:text/plain;base64,${Buffer.from('error 18456').toString('base64')}`;
    expect(await fetchAttachment({ contentType: 'text/plain', contentUrl: b64 })).toMatchObject({ text: 'error 18456' });
    expect(await fetchAttachment({ contentType: 'text/plain', contentUrl: 'data:text/plain,error%2026' })).toMatchObject({ text: 'error 26' });
  });

  test('decodes a UTF-16 report with a byte-order mark (how Windows tools often save)', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('SQLCHECK v1', 'utf16le')]);
    expect(await fetchAttachment({ contentType: 'text/plain', contentUrl: `data:text/plain;base64,${utf16.toString('base64')}` })).toMatchObject({ text: 'SQLCHECK v1' });
  });

  test('refuses a file over the cap without reading it all', async () => {
    let sent = 0;
    routes.set('/huge', (sock) => {
      // No content-length: the client only finds out by reading.
      sock.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n');
      const chunk = 'x'.repeat(64 * 1024);
      const pump = (): void => {
        while (sent < 50 * 1024 * 1024 && !sock.destroyed && sock.write(chunk)) sent += chunk.length;
        if (sock.destroyed) return;
        if (sent < 50 * 1024 * 1024) sock.once('drain', pump);
        else sock.end();
      };
      pump();
    });
    const got = await fetchAttachment({ contentType: 'text/plain', contentUrl: `${base}/huge` }, { maxBytes: 100_000, timeoutMs: 5000 });
    expect(got).toMatchObject({ problem: expect.stringContaining('larger than 98 KB') });
    expect(sent).toBeLessThan(50 * 1024 * 1024);
  });

  test('gives up on a server that never answers, within the timeout', async () => {
    routes.set('/slow', () => undefined);
    const got = await fetchAttachment({ contentType: 'text/plain', contentUrl: `${base}/slow` }, { maxBytes: 1000, timeoutMs: 300 });
    expect(got).toMatchObject({ problem: 'the download took longer than 0.3 s' });
  });

  test('says so when the file is binary or the download fails', async () => {
    routes.set('/zip', respond(200, Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0])));
    expect(await fetchAttachment({ contentType: 'application/octet-stream', name: 'r.txt', contentUrl: `${base}/zip` })).toMatchObject({ problem: expect.stringContaining('binary') });
    expect(await fetchAttachment({ contentType: 'text/plain', contentUrl: `${base}/missing` })).toMatchObject({ problem: 'download failed with HTTP 404' });
    expect(await fetchAttachment({ contentType: 'text/plain', contentUrl: 'file:///etc/passwd' })).toMatchObject({ problem: expect.stringContaining('neither http(s) nor data:') });
  });

  test('leaves cards, images and the Teams HTML copy of the message alone', async () => {
    const got = await fetchAttachments([
      { contentType: 'application/vnd.microsoft.card.adaptive', content: {} },
      { contentType: 'image/png', contentUrl: `${base}/x.png` },
      { contentType: 'text/html', content: '<p>hi</p>' },
    ]);
    expect(got).toEqual([]);
  });
});

describe('where attachments may be downloaded from', () => {
  const hits = () => {
    let n = 0;
    routes.set('/counted.txt', (sock) => {
      n++;
      respond(200, 'error 18456')(sock);
    });
    return () => n;
  };
  const port = () => new URL(base).port;
  const publicOnly: AttachmentLimits = { ...DEFAULT_ATTACHMENT_LIMITS, addresses: { reach: 'public', hosts: [] } };

  test('a bot with an app id does not read from this machine, by address or by a name that resolves to it', async () => {
    const count = hits();
    for (const url of [`${base}/counted.txt`, `http://localhost:${port()}/counted.txt`, `http://0x7f000001:${port()}/counted.txt`, `http://[::ffff:127.0.0.1]:${port()}/counted.txt`]) {
      const got = await fetchAttachment({ contentType: 'text/plain', name: 'r.txt', contentUrl: url }, publicOnly);
      expect(got).toEqual({ name: 'r.txt', problem: expect.stringMatching(/not read: it points at a loopback address/) });
    }
    expect(count()).toBe(0);
  });

  test.each(['http://[64:ff9b::a9fe:a9fe]/', 'http://[::ffff:0:a9fe:a9fe]/', 'http://[::a9fe:a9fe]/', 'http://[64:ff9b:1::a9fe:a9fe]/', 'http://[2002:a9fe:a9fe::]/', 'http://192.0.0.192/'])(
    'a bot with an app id refuses metadata written as %s, even for a host named in SQLTRIAGE_ATTACHMENT_HOSTS',
    async (url) => {
      const rule = attachmentRule({ SQLTRIAGE_ATTACHMENT_HOSTS: new URL(url).hostname.replace(/^\[|\]$/g, '') }, false);
      for (const addresses of [publicOnly.addresses, rule]) {
        const got = await fetchAttachment({ contentType: 'text/plain', name: 'r.txt', contentUrl: `${url}latest/meta-data/` }, { ...DEFAULT_ATTACHMENT_LIMITS, addresses });
        expect(got).toEqual({ name: 'r.txt', problem: 'the attachment address was not read: it points at a metadata address' });
      }
    },
  );

  test('a redirect from an allowed server to cloud metadata is refused before any connection', async () => {
    routes.set('/to-metadata', respond(302, '', { location: 'http://169.254.169.254/latest/meta-data/' }));
    const got = await fetchAttachment({ contentType: 'text/plain', name: 'r.txt', contentUrl: `${base}/to-metadata` });
    expect(got).toEqual({ name: 'r.txt', problem: expect.stringMatching(/metadata address/) });
  });

  test('an anonymous bot reads only from this machine: an internal address is refused with the setting to change', async () => {
    const got = await fetchAttachment({ contentType: 'text/plain', name: 'r.txt', contentUrl: 'http://10.20.30.40/report.txt' });
    expect(got).toEqual({ name: 'r.txt', problem: expect.stringMatching(/only from this machine.*SQLTRIAGE_ATTACHMENT_HOSTS/) });
  });

  test('hosts named in SQLTRIAGE_ATTACHMENT_HOSTS are read from wherever they are', async () => {
    const count = hits();
    const rule = attachmentRule({ SQLTRIAGE_ATTACHMENT_HOSTS: ' LocalHost., files.corp.example ' }, false);
    expect(rule).toEqual({ reach: 'public', hosts: ['localhost', 'files.corp.example'] });
    const got = await fetchAttachment({ contentType: 'text/plain', name: 'r.txt', contentUrl: `http://localhost:${port()}/counted.txt` }, { ...DEFAULT_ATTACHMENT_LIMITS, addresses: rule });
    expect(got).toEqual({ name: 'r.txt', text: 'error 18456' });
    expect(count()).toBe(1);
  });

  test('a resolver answer is checked at connect time, whatever the name looked like', async () => {
    const lookup = checkedLookup(LOCAL_ONLY) as unknown as (h: string, o: object, cb: (err: Error | null, ...rest: unknown[]) => void) => void;
    const outcome = (host: string, all: boolean) => new Promise<string>((resolve) => lookup(host, { all }, (err, a) => resolve(err ? err.message : JSON.stringify(a))));
    expect(await outcome('10.1.2.3', false)).toMatch(/only from this machine/);
    expect(await outcome('127.0.0.1', false)).toBe('"127.0.0.1"');
    expect(await outcome('127.0.0.1', true)).toBe('[{"address":"127.0.0.1","family":4}]');
  });
});
