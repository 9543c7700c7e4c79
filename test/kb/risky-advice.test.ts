/**
 * Safe advice as data: a fix that weakens security or availability must say so in the knowledge
 * base. The schema refuses a risky fix without its risk; the build refuses risky advice written
 * as plain text.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { knowledgeDir } from '../../src/kb/paths';
import { readKnowledge, formatProblem } from '../../src/kb/read';
import { riskyPhraseIn } from '../../src/kb/fix';

function copyKnowledge(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-kb-'));
  fs.cpSync(knowledgeDir(), dir, { recursive: true });
  return dir;
}

/** Appends a fix (YAML lines at list-item indentation) to the first cause of a cause file. */
function addFix(dir: string, file: string, yamlItem: string): void {
  const full = path.join(dir, 'causes', file);
  const text = fs.readFileSync(full, 'utf8');
  const at = text.indexOf('\n    fixes:\n') + '\n    fixes:\n'.length;
  fs.writeFileSync(full, text.slice(0, at) + yamlItem + text.slice(at));
}

describe('a risky fix must carry its risk', () => {
  test('the build refuses a plain-text fix that matches a risky-advice pattern, naming file, path and pattern', () => {
    const dir = copyKnowledge();
    addFix(dir, 'certificate-untrusted.yaml', '      - "Set Encrypt = False in the connection string."\n');
    expect(readKnowledge(dir).problems.map(formatProblem)).toEqual([
      "knowledge/causes/certificate-untrusted.yaml: /causes/0/fixes/0: plain-text fix matches risky-advice pattern 'encryption-off' ('encrypt=false', knowledge/risky-advice.yaml): write it as {text, weakens, risk, temporary}",
    ]);
  });

  test.each([
    ['risk', '      - text: "Turn off the firewall on the server."\n        weakens: security\n        temporary: true\n'],
    ['temporary', '      - text: "Turn off the firewall on the server."\n        weakens: security\n        risk: "Every service on the server becomes reachable from anywhere."\n'],
  ])('the schema refuses a fix that says what it weakens but not its %s', (missing, item) => {
    const dir = copyKnowledge();
    addFix(dir, 'connection-refused.yaml', item);
    expect(readKnowledge(dir).problems.map(formatProblem)).toEqual([
      `knowledge/causes/connection-refused.yaml: /causes/0/fixes/0: must have required property '${missing}'`,
    ]);
  });

  test('the schema refuses a fix that weakens something the schema does not know', () => {
    const dir = copyKnowledge();
    addFix(dir, 'connection-refused.yaml', '      - text: "Turn off the firewall."\n        weakens: comfort\n        risk: "Every service becomes reachable from anywhere."\n        temporary: true\n');
    expect(readKnowledge(dir).problems.map(formatProblem)).toEqual([
      'knowledge/causes/connection-refused.yaml: /causes/0/fixes/0/weakens: must be equal to one of the allowed values (security, availability)',
    ]);
  });

  test('a risky-advice phrase in upper case is refused (patterns are matched on folded text)', () => {
    const dir = copyKnowledge();
    const file = path.join(dir, 'risky-advice.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"open all ports"', '"Open All Ports"'));
    expect(readKnowledge(dir).problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^knowledge\/risky-advice\.yaml: \/patterns\/\d+\/phrases\/\d+: must match pattern/),
    ]);
  });

  test('safe advice is not mistaken for risky advice', () => {
    const { kb } = readKnowledge(knowledgeDir());
    const safe = [
      'Enable TLS 1.2 in the SCHANNEL Protocols keys and reboot.',
      'Set Encrypt=true and install a CA-issued certificate.',
      'Add an inbound allow rule for TCP 1433 from the application subnet.',
      'Set HostNameInCertificate to the name the certificate carries.',
      'Remove TLS_DHE_* suites from the cipher order so ECDHE is chosen.',
    ];
    expect(safe.filter((s) => riskyPhraseIn(s, kb.riskyAdvice))).toEqual([]);
  });
});
