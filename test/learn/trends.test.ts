/** The trends page's counts from generated cases: every chart's series, and nothing pasted in them. */
import { trendsData, weekStart } from '../../src/learn/trends';
import { knowledge } from '../dialogs/harness';
import { SECRET, teamCases } from './trends-cases';

const kb = knowledge();
const NOW = new Date('2026-11-25T12:00:00Z'); // a Wednesday
const cases = teamCases(kb, NOW);
const d = trendsData(cases, kb, { now: NOW });

test('weeks are the 12 Mondays ending with this week', () => {
  expect(d.weeks).toHaveLength(12);
  expect(d.weeks[11]).toBe('2026-11-23');
  expect(new Date(weekStart(Date.parse('2026-11-23T00:00:00Z'))).toISOString()).toBe('2026-11-23T00:00:00.000Z');
  expect(new Date(weekStart(Date.parse('2026-11-29T23:59:00Z'))).toISOString()).toBe('2026-11-23T00:00:00.000Z');
});

test('cases per week by family add up to the cases opened in the window, unplaced ones included', () => {
  const total = d.perWeek.reduce((a, f) => a + f.counts.reduce((x, y) => x + y, 0), 0);
  expect(total).toBe(cases.length);
  const tls = d.perWeek.find((f) => f.family === 'tls-handshake-failure')!;
  expect(tls.counts.reduce((x, y) => x + y, 0)).toBe(17);
  expect(d.perWeek.find((f) => f.family === 'unplaced')?.title).toBe('Could not be placed');
});

test('the most confirmed causes, time to close, escalation rate and probe outcomes', () => {
  expect(d.confirmed.slice(0, 3).map((c) => [c.cause, c.count])).toEqual([
    ['tls-dhe-leading-zero', 17],
    ['login-wrong-password', 9],
    ['cert-self-signed-untrusted', 6],
  ]);
  // 9 logins in half an hour, 14 DHE in 3 h, 6 certificates in 30 h, 2 in 80 h, 3 in 200 h.
  expect(d.timeToClose.counts).toEqual([9, 14, 0, 6, 2, 3]);
  expect(d.timeToClose.closed).toBe(34);
  expect(d.timeToClose.medianHours).toBe(3);
  expect(d.escalation.overall).toBeCloseTo(7 / 41, 3);
  expect(d.escalation.escalated.reduce((a, x) => a + x, 0)).toBe(7);
  expect(d.probes).toEqual([
    expect.objectContaining({ outcome: 'probe:tcp.filtered', count: 5 }),
    expect.objectContaining({ outcome: 'probe:tls.ok', count: 3 }),
  ]);
});

test('no pasted text, note or secret reaches the page data', () => {
  const json = JSON.stringify(d);
  expect(json).not.toContain(SECRET);
  expect(json).not.toContain('load balancer');
  expect(json).not.toContain('app1');
});

test('no cases: empty series, no rates', () => {
  const empty = trendsData([], kb, { now: NOW });
  expect(empty).toMatchObject({ cases: 0, perWeek: [], confirmed: [], probes: [], timeToClose: { closed: 0, medianHours: null }, escalation: { overall: null } });
});
