/**
 * Every fix in the knowledge base that weakens security or availability, listed here by hand so a
 * new one is reviewed, and shown with its risk beside it in every rendering: the CLI text and
 * --json, the Teams, web, Slack and plain-text chat messages, and the escalation summary
 * (Markdown, Adaptive Card, Block Kit, JSON).
 */
import { buildKnowledge } from '../../src/kb/build';
import { indexKnowledge } from '../../src/kb/compiled';
import { fixOf } from '../../src/kb/fix';
import type { Fix } from '../../src/kb/types';
import { diagnosedCause, Diagnosis } from '../../src/triage/diagnose';
import { classifyText } from '../../src/triage/classify-text';
import { renderDiagnosisText } from '../../src/cli/render-diagnosis';
import { detailsMessage, diagnosisMessage, doneMessage } from '../../src/messages/triage-messages';
import { renderSlack, renderTeams, renderText, renderWeb } from '../../src/bot/render';
import { escalationSummary, renderEscalationJson, renderEscalationMarkdown } from '../../src/triage/escalation';
import { recommendedActions } from '../../src/triage/escalation/actions';
import { CHAT_LIMITS } from '../../src/triage/escalation/render/clip';
import { renderEscalationCard, renderEscalationSlack } from '../../src/bot/render/escalation';
import type { PossibleCause } from '../../src/triage/escalation/types';
import type { Evidence } from '../../src/triage/types';
import { FIXED_CASES, GENERATED_AT } from './escalation/cases';

const kb = indexKnowledge(buildKnowledge());

/** [cause, how the fix begins, weakens, temporary]: every risky fix, reviewed. */
const RISKY_FIXES: [string, string, 'security' | 'availability', boolean][] = [
  ['cert-self-signed-untrusted', 'Short term, for a test or internal server only: set TrustServerCertificate=true', 'security', true],
  ['cert-encrypt-default-changed', 'If encryption is not wanted on this link, set Encrypt=false', 'security', false],
  ['cert-encrypt-default-changed', 'Or keep Encrypt=true and add TrustServerCertificate=true', 'security', true],
  ['dropped-antivirus-filter-driver', 'Last resort, only if no exclusion is possible', 'security', true],
  ['dropped-nic-offloading', 'As a test, disable offloading', 'availability', true],
  ['dropped-firewall', 'Or exempt the SQL traffic from deep inspection', 'security', false],
  ['timeout-multisubnet-failover', 'For clients that cannot, set RegisterAllProvidersIP=0', 'availability', false],
  ['timeout-azure-redirect-ports-blocked', "Or switch the server's connection policy to Proxy", 'availability', false],
  ['login-sql-auth-disabled', 'Switch to SQL Server and Windows Authentication mode', 'security', false],
  ['login-password-expired', 'For service accounts consider CHECK_EXPIRATION = OFF', 'security', false],
  ['login-no-connect-permission', 'Or run the tool elevated', 'security', false],
  ['login-azure-firewall', "For Azure-hosted clients without a fixed address, enable 'Allow Azure services", 'security', true],
  ['exhaust-no-pooling-ephemeral-ports', 'Meanwhile widen the range', 'availability', true],
  ['tls-no-common-protocol', 'Only as a stop-gap until the upgrade: temporarily re-enable TLS 1.0/1.1', 'security', true],
  ['tls-encryption-level-mismatch', 'If the server-side requirement was set by mistake, turn off Force Strict Encryption', 'security', false],
  ['tls-closed-after-clienthello', 'Exempt SQL Server traffic (TCP 1433 or the instance port) from TLS inspection', 'security', false],
];

interface Listed {
  cause: string;
  fix: Fix;
}

const risky: Listed[] = kb.kb.causes.flatMap((c) => c.fixes.map(fixOf).filter((f) => f.weakens).map((fix) => ({ cause: c.id, fix })));

test('the risky fixes are exactly the reviewed list, each with what it weakens, its risk and whether it is temporary', () => {
  const found = risky.map(({ cause, fix }) => {
    const listed = RISKY_FIXES.find(([c, start]) => c === cause && fix.text.startsWith(start));
    return [cause, listed ? listed[1] : fix.text, fix.weakens, fix.temporary];
  });
  expect(found.sort()).toEqual([...RISKY_FIXES].sort());
  for (const { fix } of risky) {
    expect(fix.risk && fix.risk.length).toBeGreaterThanOrEqual(20);
    expect(typeof fix.temporary).toBe('boolean');
  }
});

/** Every string in a rendered value, with the rendering's own escaping undone. */
function strings(value: unknown, unescape: (s: string) => string = (s) => s): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(unescape(v));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return out.join('\n');
}
const unCard = (s: string) => s.replace(/\\([\\*_[\]`])/g, '$1');
const unSlack = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const unMarkdown = (s: string) => s.replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');

/** The risk follows the fix text closely, with no other list item in between. */
function showsRiskBeside(rendered: string, fix: Fix): boolean {
  const at = rendered.indexOf(fix.text);
  if (at < 0) return false;
  const after = rendered.slice(at + fix.text.length);
  const riskAt = after.indexOf(fix.risk!);
  if (riskAt < 0 || riskAt > 120) return false;
  const between = after.slice(0, riskAt);
  return !/(^|[\n\r])\s*([-•*]|\d+\.)\s/.test(between) && between.includes(`weakens ${fix.weakens}`) && between.includes('temporary') === fix.temporary;
}

const pasted: Evidence = { id: 'ev1', kind: 'answer', at: GENERATED_AT.toISOString(), question: 'frequency', option: 'always' };
const baseSummary = escalationSummary(FIXED_CASES['no-probe'](), kb, { now: GENERATED_AT, probeServers: [] });

describe.each(risky.map((r) => ({ ...r, name: `${r.cause}: ${r.fix.text.slice(0, 50)}` })))('$name', ({ cause, fix }) => {
  const dc = diagnosedCause(kb, cause, 0.7);
  const d: Diagnosis = { unknown: false, family: { id: dc.family, title: kb.family.get(dc.family)!.title, score: 0.9 }, causes: [dc], changes: [], fromPaste: [] };
  const summary = {
    ...baseSummary,
    actions: recommendedActions([{ id: cause, title: dc.title, score: 0.7 } as PossibleCause], kb),
  };
  const diag = diagnosisMessage(d, { kind: 'error' });
  const done = doneMessage('leader', ['escalate'], d);
  // Slack and plain text show a cause short; its fixes come with its details, on request.
  const details = detailsMessage(dc);

  const renderings: Record<string, string> = {
    'CLI text': renderDiagnosisText(pasted, d, { kind: 'done', reason: 'leader', offers: [] }),
    'Teams card': strings([renderTeams(diag), renderTeams(done)], unCard),
    'web card': strings([renderWeb(diag), renderWeb(done)], unCard),
    'Slack blocks': strings([renderSlack(diag).channelData, renderSlack(details).channelData], unSlack),
    'plain text': strings([renderText(diag), renderText(details)]),
    'escalation Markdown': unMarkdown(renderEscalationMarkdown(summary)),
    'escalation chat Markdown': unMarkdown(renderEscalationMarkdown(summary, CHAT_LIMITS)),
    'escalation card': strings(renderEscalationCard(summary), unCard),
    'escalation Slack': strings(renderEscalationSlack(summary), unSlack),
    'escalation JSON': strings(JSON.parse(renderEscalationJson(summary)).actions),
  };

  test.each(Object.keys(renderings))('%s shows the risk beside the fix', (name) => {
    expect(showsRiskBeside(renderings[name], fix)).toBe(true);
  });

  test('CLI --json and the escalation JSON carry weakens, risk and temporary as data', () => {
    const json = JSON.parse(JSON.stringify(classifyText('Login failed for user sa.', kb, { topCauses: kb.kb.causes.length })));
    const inJson = json.causes.find((c: { id: string }) => c.id === cause).fixes.find((f: Fix) => f.text === fix.text);
    expect(inJson).toEqual({ text: fix.text, weakens: fix.weakens, risk: fix.risk, temporary: fix.temporary });
    const action = JSON.parse(renderEscalationJson(summary)).actions[0];
    const index = action.fixes.findIndex((line: string) => line.startsWith(fix.text));
    expect(action.risks).toContainEqual({ fix: index, weakens: fix.weakens, risk: fix.risk, temporary: fix.temporary });
  });
});
