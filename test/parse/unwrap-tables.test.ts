/** Console unwrapping joins wrapped prose but leaves rows of tool output and log records apart (Teams pastes pass through it). */
import { normalizeText } from '../../src/parse';
import { sample } from './artifacts/fixtures';

test('prose wrapped at a fixed width is joined again', () => {
  const message = 'A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: TCP Provider, error: 0 - An existing connection was forcibly closed by the remote host.) Check the TLS settings of the client and of the server, then try to connect again.';
  const wrapped = message.match(/.{1,80}/g)!;
  expect(wrapped[0].length).toBe(wrapped[1].length);
  expect(wrapped.length).toBeGreaterThan(3);
  expect(normalizeText(wrapped.join('\n'))).toBe(message);
});

test('netstat rows of one width stay one row per line', () => {
  const out = normalizeText(sample('netstat-aon-1434.txt')).split('\n');
  expect(out.filter((l) => /^\s*TCP\s/.test(l))).toHaveLength(7);
});

test('ERRORLOG records of one width stay one record per line', () => {
  const line = "2024-05-01 10:20:01.55 Logon       Error: 18456, Severity: 14, State: 8.";
  const text = [line, line.replace('01.55', '02.55'), line.replace('01.55', '03.55'), line.replace('01.55', '04.55')].join('\n');
  expect(normalizeText(text).split('\n')).toHaveLength(4);
});
