/**
 * A network trace attached in chat: read, its findings said in the chat and added to the case as
 * trace evidence that ranks the cause; a file past the size limit gets a message saying the limit
 * and the CLI that reads any size; a file that is not a capture is refused with what to send.
 */
import fs from 'node:fs';
import { harness, allText } from './harness';
import { scenario } from '../trace/fixtures';
import { rankCase } from '../../src/triage/rank';
import { knowledge } from './harness';

const dataUrl = (buf: Buffer) => `data:application/octet-stream;base64,${buf.toString('base64')}`;

test('an attached .pcapng adds its findings to the case and the chat says what was found', async () => {
  const h = await harness('emulator');
  try {
    const s = scenario('dhe');
    const seen = await h.say({ type: 'message', text: '', attachments: [{ contentType: 'application/octet-stream', name: 'client.pcapng', contentUrl: dataUrl(fs.readFileSync(s.path)) }] });
    const text = allText(seen);
    expect(text).toMatch(/Reading the network trace client\.pcapng/);
    expect(text).toMatch(/Diffie-Hellman suite \(TLS_DHE_\*\)/);
    const [c] = await h.store.cases.list();
    const full = await h.store.cases.get(c.id);
    const trace = full!.evidence.find((e) => e.kind === 'trace');
    expect(trace).toMatchObject({ kind: 'trace', files: ['client.pcapng'], signals: ['trace:tls.dhe-chosen'] });
    expect(rankCase(full!, knowledge()).causes[0].id).toBe('tls-dhe-leading-zero');
  } finally {
    await h.close();
  }
});

test('a trace past the attachment limit is refused with the limit and the CLI to use instead', async () => {
  const before = process.env.SQLTRIAGE_TRACE_MAX_MB;
  process.env.SQLTRIAGE_TRACE_MAX_MB = '0.001';
  const h = await harness('msteams');
  try {
    const seen = await h.say({ type: 'message', text: '', attachments: [{ contentType: 'application/octet-stream', name: 'big.pcap', contentUrl: dataUrl(fs.readFileSync(scenario('non-pooled').path)) }] });
    expect(allText(seen)).toMatch(/larger than 0\.001 MB, the limit for attachments; read it with `?npx sqltriage trace big\.pcap/);
  } finally {
    if (before === undefined) delete process.env.SQLTRIAGE_TRACE_MAX_MB;
    else process.env.SQLTRIAGE_TRACE_MAX_MB = before;
    await h.close();
  }
});

test('a .pcap that is not a capture says what to send', async () => {
  const h = await harness('slack');
  try {
    const seen = await h.say({ type: 'message', text: '', attachments: [{ contentType: 'application/octet-stream', name: 'notes.pcap', contentUrl: dataUrl(Buffer.from('just some text')) }] });
    expect(allText(seen)).toMatch(/not a \.pcap or \.pcapng capture/);
  } finally {
    await h.close();
  }
});
