/**
 * The summary may only claim what the case holds: ruled-out causes carry the evidence that lowered
 * them, every probe and every evidence item appears, the per-evidence weights add up to the
 * ranking the engine computed, and shortened chat renderings say so and where the rest is.
 */
import { addNote, addPaste, openCase, rankCase } from '../../../src/triage';
import { scoreCase } from '../../../src/triage/rank';
import { priorLogit } from '../../../src/classify';
import { caseContributions, escalationSummary, renderEscalationJson, renderEscalationMarkdown } from '../../../src/triage/escalation';
import { CHAT_LIMITS } from '../../../src/triage/escalation/render/clip';
import { renderEscalationCard, renderEscalationSlack } from '../../../src/bot/render/escalation';
import { TEAMS_CARD_BUDGET } from '../../../src/bot/render/escalation/adaptive-card';
import type { Case } from '../../../src/triage/types';
import { FIXED_CASES, GENERATED_AT, kb, noProbeCase, TLS_PASTE, twoSqlcheckCase, withProbesCase } from './cases';

const cases = Object.entries(FIXED_CASES).map(([name, make]) => ({ name, c: make() }));

describe.each(cases)('claims in the $name summary', ({ c }) => {
  const s = escalationSummary(c, kb(), { now: GENERATED_AT });
  const byId = new Map(c.evidence.map((e) => [e.id, e]));

  test('every ruled-out cause names evidence in the case that lowered it', () => {
    for (const r of s.causes.ruledOut) {
      expect(r.by.length).toBeGreaterThan(0);
      for (const x of r.by) {
        expect(x.weight).toBeLessThan(0);
        for (const id of x.evidence) expect(byId.has(id)).toBe(true);
        if (x.kind === 'answer') expect(x.evidence.map((id) => byId.get(id)!.kind)).toEqual(['answer']);
        if (x.kind === 'signal') {
          const signal = x.why.split(':').slice(0, 2).join(':');
          for (const id of x.evidence) {
            const ev = byId.get(id)!;
            const held = ev.kind === 'probe' ? ev.signals : ev.kind === 'sqlcheck' ? ev.findings.map((f) => `finding:${f.id}`) : [];
            expect(held).toContain(signal);
          }
        }
        if (x.kind === 'paste' || x.kind === 'family') for (const id of x.evidence) expect(byId.get(id)!.kind).toBe('paste');
      }
    }
  });

  test('every evidence item appears once, oldest first, and every probe with all its steps and timings', () => {
    expect(s.evidence.map((e) => e.id).sort()).toEqual(c.evidence.map((e) => e.id).sort());
    const times = s.evidence.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
    for (const ev of c.evidence) {
      if (ev.kind !== 'probe') continue;
      const entry = s.evidence.find((e) => e.id === ev.id);
      expect(entry).toMatchObject({ kind: 'probe', server: ev.server, signals: ev.signals });
      const steps = ev.result.steps as { step: string; status: string; timings: Record<string, number> }[];
      expect(entry!.kind === 'probe' && entry!.steps.map((x) => [x.step, x.status, x.timings])).toEqual(steps.map((x) => [x.step, x.status, x.timings]));
      for (const text of [renderEscalationMarkdown(s), renderEscalationJson(s)]) expect(text).toContain(ev.server);
    }
  });

  test('per-evidence weights plus the prior give the ranking logits, up to one shared constant', () => {
    const cc = caseContributions(c, kb());
    const { logits } = scoreCase(c, kb());
    const rest = kb().kb.causes.map((cause) => logits.get(cause.id)! - priorLogit(cause, kb()) - cc.byCause.get(cause.id)!.reduce((a, x) => a + x.weight, 0));
    for (const r of rest) expect(r).toBeCloseTo(rest[0], 9);
  });

  test('the headline and the possible causes are the ranking, in order', () => {
    const ranking = rankCase(c, kb());
    expect(s.headline.leadingCause?.id).toBe(ranking.causes[0].id);
    expect(s.causes.possible.map((p) => p.id)).toEqual(ranking.causes.slice(0, s.causes.possible.length).map((r) => r.id));
    expect(s.causes.possible.length + s.causes.ruledOut.length + s.causes.unlisted).toBe(kb().kb.causes.length);
  });

  test('data to collect comes from the possible causes, as the knowledge base lists it', () => {
    const listed = new Set(s.causes.possible.flatMap((p) => kb().cause.get(p.id)!.collect));
    for (const item of s.collect) {
      expect(listed.has(item.id)).toBe(true);
      for (const cause of item.for) expect(kb().cause.get(cause)!.collect).toContain(item.id);
    }
  });
});

describe('what the summary says was not tested', () => {
  test('no SQLCHECK and no configured probe server are named as gaps', () => {
    const s = escalationSummary(noProbeCase(), kb(), { probeServers: [] });
    expect(s.notTested.map((n) => n.what)).toEqual(expect.arrayContaining(['sqlcheck-client', 'sqlcheck-server', 'probe']));
    expect(s.notTested.find((n) => n.what === 'probe')!.text).toContain('no server is configured');
  });

  test('with both SQLCHECK reports, neither side is a gap and SQLCHECK is not asked for again', () => {
    const s = escalationSummary(twoSqlcheckCase(), kb());
    expect(s.evidence.filter((e) => e.kind === 'sqlcheck').map((e) => e.kind === 'sqlcheck' && e.role).sort()).toEqual(['client', 'server']);
    expect(s.notTested.map((n) => n.what)).not.toContain('sqlcheck-client');
    expect(s.notTested.map((n) => n.what)).not.toContain('sqlcheck-server');
    expect(s.collect.map((x) => x.id)).not.toContain('sqlcheck-both');
    expect(s.environment.map((f) => f.key)).toEqual(expect.arrayContaining(['machine', 'tls', 'certificate']));
  });

  test('probe steps that did not run are listed with the probe\'s own reason', () => {
    const c = withProbesCase();
    const probe = c.evidence.find((e) => e.kind === 'probe' && e.server === 'sqlprod01')!;
    const s = escalationSummary(c, kb());
    expect(s.notTested.map((n) => n.text)).toContain(`Probe of sqlprod01 (${probe.id}): login not run because no credentials are configured for this server.`);
  });

  test('an empty case still gives a summary that says nothing is known', () => {
    const s = escalationSummary(openCase({ id: 'ST-EMPTY', now: GENERATED_AT }), kb(), { now: GENERATED_AT });
    expect(s.headline).toMatchObject({ unknown: true });
    expect(s.causes.possible).toEqual([]);
    expect(s.notTested.map((n) => n.what)).toContain('error-text');
    expect(renderEscalationMarkdown(s)).toContain('None: the evidence does not single out any cause yet.');
  });
});

describe('pasted text and shortening', () => {
  test('with pasted text turned off, only a reference to it goes out', () => {
    const s = escalationSummary(noProbeCase(), kb(), { includePasteText: false });
    const paste = s.evidence.find((e) => e.kind === 'paste')!;
    expect(paste).not.toHaveProperty('text');
    expect(paste).toMatchObject({ textRef: expect.stringContaining('npx sqltriage case show ST-20260302-NOPROB') });
    const marker = 'SqlInternalConnectionTds..ctor';
    for (const text of [renderEscalationMarkdown(s), renderEscalationJson(s), JSON.stringify(renderEscalationCard(s)), JSON.stringify(renderEscalationSlack(s))]) expect(text).not.toContain(marker);
    expect(renderEscalationMarkdown(escalationSummary(noProbeCase(), kb()))).toContain(marker);
  });

  function longCase(): Case {
    const tail = Array.from({ length: 200 }, (_, i) => `   at Contoso.Payroll.Data.Repository.Load${i}() in C:\\src\\Repository.cs:line ${i}`).join('\n');
    let c = addPaste(openCase({ id: 'ST-LONG' }), `${TLS_PASTE}\n${tail}\nEND-OF-PASTE-MARKER`, kb()).case;
    for (let i = 1; i <= 12; i++) c = addNote(c, 'note', `note number ${i}: ${'the app pool was recycled and the error came back. '.repeat(20)}`);
    return c;
  }

  test('chat renderings cut long evidence and say where the full export is; the full export keeps it', () => {
    const s = escalationSummary(longCase(), kb());
    const chat = [renderEscalationMarkdown(s, CHAT_LIMITS), JSON.stringify(renderEscalationCard(s)), JSON.stringify(renderEscalationSlack(s))];
    for (const text of chat) {
      expect(text).not.toContain('END-OF-PASTE-MARKER');
      expect(text).toContain('shortened');
      expect(text).toContain('more evidence items not shown');
      expect(text).toContain('npx sqltriage case show ST-LONG --format markdown');
    }
    expect(JSON.stringify(renderEscalationCard(s).attachments![0].content).length).toBeLessThanOrEqual(TEAMS_CARD_BUDGET);
    const full = renderEscalationMarkdown(s);
    expect(full).toContain('END-OF-PASTE-MARKER');
    expect(full).toContain('note number 12');
  });
});
