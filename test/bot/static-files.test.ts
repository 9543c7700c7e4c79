import path from 'node:path';
import { fileUnder } from '../../src/bot/static-files';

describe('chat page paths', () => {
  const root = path.resolve('/srv/public');

  it('maps names under the folder', () => {
    expect(fileUnder(root, 'chat.js')).toBe(path.join(root, 'chat.js'));
    expect(fileUnder(root, 'css/chat.css?v=2')).toBe(path.join(root, 'css', 'chat.css'));
  });

  it.each(['../package.json', '..%2f..%2fetc%2fpasswd', '%2e%2e/secret', 'a/../../b', '%00', '%E0%A4%A', ''])('refuses %s', (p) => {
    const file = fileUnder(root, p);
    if (file !== undefined) expect(file.startsWith(root + path.sep)).toBe(true);
    expect(file === undefined || !file.includes('..')).toBe(true);
  });
});

it('never yields a path outside the folder, whatever the request path', async () => {
  const fc = (await import('fast-check')).default;
  const root = path.resolve('/srv/public');
  const segment = fc.constantFrom('..', '.', '%2e%2e', '%2F', '%5c', '..%2f', 'a', '', '%00', '\\..', '//', '%25');
  fc.assert(
    fc.property(fc.array(fc.oneof(segment, fc.string()), { maxLength: 8 }), (parts) => {
      const file = fileUnder(root, parts.join('/'));
      return file === undefined || file.startsWith(root + path.sep);
    }),
    { numRuns: 2000 },
  );
});
