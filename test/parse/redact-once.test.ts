/**
 * A paste is redacted once: text marked redacted is not redacted again, yet no secret reaches the
 * parsed text, whether the mark comes from the redactor or from the artifact readers' plain view.
 */
import { parsePaste } from '../../src/parse';
import { readArtifacts } from '../../src/parse/artifacts';
import { redactOnce } from '../../src/parse/redact';
import { splitPaste } from '../../src/triage/artifact-evidence';

const PASTE = 'Login failed for user \'app\'.\nServer=db01;Database=Sales;User Id=app;Password=Hunter2!x;\n(Microsoft SQL Server, Error: 18456)';

test('parsing the redactor\'s marked output gives what parsing the raw paste gives', () => {
  const raw = parsePaste(PASTE);
  const marked = parsePaste(redactOnce(PASTE));
  expect(marked.text).not.toContain('Hunter2');
  expect(marked).toEqual(raw);
});

test('a secret that markup hid from the readers\' view is still masked in the parsed rest', () => {
  // The readers decode the entities, so the rest shows a quoted password the redactor saw entity-quoted.
  const paste = 'TCP port 1433 (ms-sql-s service): LISTENING\nconnection failed: Password=&quot;p@ss word;x&quot; Error 18456';
  const split = splitPaste(paste);
  expect(split.artifacts.map((a) => a.kind)).toEqual(['port-check']);
  expect(split.rest).toBeDefined();
  const parsed = parsePaste(split.rest!);
  expect(parsed.text).not.toMatch(/p@ss|word;x/);
});

test('without markup, the readers\' rest is marked as already redacted', () => {
  const r = readArtifacts('TCP port 1433 (ms-sql-s service): LISTENING\nPassword=Hunter2!x; Error 18456');
  expect(r.restRedacted).toBe(true);
  expect(r.rest).not.toContain('Hunter2');
});
