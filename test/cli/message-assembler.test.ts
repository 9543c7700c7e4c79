/** Terminal input to chat messages: a paste is one message, a typed line is sent on Enter. */
import { MessageAssembler, Piece } from '../../src/cli/message-assembler';

const SSMS = [
  'Cannot connect to db01.',
  '',
  '===================================',
  '',
  'A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: TCP Provider, error: 0 - An existing connection was forcibly closed by the remote host.) (.Net SqlClient Data Provider)',
  '',
  'Error Number: 10054',
  'Severity: 20',
].join('\n');

function collect(burstMs = 20): { a: MessageAssembler; out: Piece[] } {
  const out: Piece[] = [];
  return { a: new MessageAssembler((p) => out.push(p), burstMs), out };
}

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

test('a bracketed paste with blank lines is one message', async () => {
  const { a, out } = collect();
  a.push(`\x1b[200~${SSMS.slice(0, 40)}`);
  a.push(`${SSMS.slice(40)}\x1b[201~`);
  await wait(40);
  expect(out).toEqual([{ kind: 'message', text: SSMS }]);
});

test('a burst of lines (a paste without bracketed mode) is one message, blank lines and all', async () => {
  const { a, out } = collect();
  a.push(`${SSMS}\n`);
  await wait(40);
  expect(out).toEqual([{ kind: 'message', text: SSMS }]);
});

test('a typed line is sent on Enter, without an extra empty line', async () => {
  const { a, out } = collect();
  a.push('Login failed for user app\n');
  await wait(40);
  expect(out).toEqual([{ kind: 'message', text: 'Login failed for user app' }]);
  a.push('2\n');
  expect(out[1]).toEqual({ kind: 'message', text: '2' });
});

test('a piped script: a paste, a blank line, a number and /quit are three pieces', () => {
  const { a, out } = collect();
  a.push(`${SSMS}\n\n1\n/quit\nignored after quit\n`);
  expect(out.slice(0, 3)).toEqual([{ kind: 'message', text: SSMS }, { kind: 'message', text: '1' }, { kind: 'quit' }]);
});

test('the end of input (Ctrl-D) sends what is left', () => {
  const { a, out } = collect();
  a.push('probe sql01\nhalf a line');
  a.end();
  expect(out).toEqual([{ kind: 'message', text: 'probe sql01' }, { kind: 'message', text: 'half a line' }]);
});
