/** Pasted text must show as typed in tickets: no Markdown from a paste turns into links, HTML or an early fence end. */
import fc from 'fast-check';
import { addPaste, openCase } from '../../../src/triage';
import { escalationSummary, renderEscalationMarkdown } from '../../../src/triage/escalation';
import { escapeMarkdown } from '../../../src/triage/escalation/render/markdown';
import { kb } from './cases';

const unescape = (s: string): string => s.replace(/\\([\\`*_[\]<>|~#])/g, '$1');

describe('Markdown escaping', () => {
  test('escaped text reads back as the original (newlines become spaces)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 200 }), (s) => {
        expect(unescape(escapeMarkdown(s))).toBe(s.replace(/\r?\n/g, ' '));
      }),
    );
  });

  test('links, HTML and emphasis in a paste stay literal; identifiers keep their underscores readable', () => {
    expect(escapeMarkdown('[click](javascript:alert(1)) <script>x</script> *bold* _em_')).toBe('\\[click\\](javascript:alert(1)) \\<script\\>x\\</script\\> \\*bold\\* \\_em\\_');
    expect(escapeMarkdown('TLS_CLIENT_TLS12_DISABLED')).toBe('TLS_CLIENT_TLS12_DISABLED');
  });

  test('a paste holding a code fence cannot close the block it is shown in', () => {
    // The parser strips fences it recognises; a stored text may still hold backtick runs, so the renderer must cope.
    const pasted = addPaste(openCase({ id: 'ST-FENCE' }), "Login failed for user 'app'.", kb()).case;
    const text = "Login failed for user 'app'.\n```\n# not a heading\n````\n[x](http://evil.example)";
    const c = { ...pasted, evidence: pasted.evidence.map((e) => (e.kind === 'paste' ? { ...e, text } : e)) };
    const md = renderEscalationMarkdown(escalationSummary(c, kb()));
    expect(md).toContain(`\n\`\`\`\`\`text\n${text}\n\`\`\`\`\`\n`);
  });

  test('long adversarial input is escaped completely (no pattern here can backtrack; the test timeout would catch one)', () => {
    for (const s of ['_'.repeat(200_000), 'a_'.repeat(100_000), '\\'.repeat(200_000), '`'.repeat(200_000), '[]('.repeat(70_000)]) {
      expect(unescape(escapeMarkdown(s))).toBe(s);
    }
  });
});
