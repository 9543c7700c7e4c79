/** A few months of a team's cases, ending this week: what the trends page and its tests count. */
import type { Knowledge } from '../../src/kb/compiled';
import type { Case } from '../../src/triage/types';
import { CERT_PASTE, dhePaste, generateCases, LOGIN_PASTE, STRANGE_PASTE, TIMEOUT_PASTE } from './generated-cases';

export const SECRET = 'Trend-Canary-4471';

export function teamCases(kb: Knowledge, now: Date = new Date()): Case[] {
  const start = new Date(now.getTime() - 9 * 7 * 86_400_000);
  return [
    ...generateCases(kb, { idPrefix: 'ST-DHE', paste: dhePaste, cause: 'tls-dhe-leading-zero', count: 14, start, stepHours: 100, closeHours: 3 }),
    ...generateCases(kb, { idPrefix: 'ST-LOGIN', paste: (i) => `${LOGIN_PASTE(i)} Password=${SECRET}`, cause: 'login-wrong-password', count: 9, start, stepHours: 140, closeHours: 0.5 }),
    ...generateCases(kb, { idPrefix: 'ST-CERT', paste: CERT_PASTE, cause: 'cert-self-signed-untrusted', count: 6, start, stepHours: 200, closeHours: 30 }),
    ...generateCases(kb, { idPrefix: 'ST-ELSE', paste: CERT_PASTE, note: 'renewed the load balancer certificate', count: 2, start, stepHours: 300, closeHours: 80 }),
    ...generateCases(kb, { idPrefix: 'ST-TIMEOUT', paste: TIMEOUT_PASTE, status: 'escalated', probe: ['probe:dns.ok', 'probe:tcp.filtered'], count: 5, start, stepHours: 250, closeHours: 6 }),
    ...generateCases(kb, { idPrefix: 'ST-PROBED', paste: dhePaste, cause: 'tls-dhe-leading-zero', probe: ['probe:dns.ok', 'probe:tcp.open', 'probe:prelogin.ok', 'probe:tls.ok'], count: 3, start, stepHours: 300, closeHours: 200 }),
    ...generateCases(kb, { idPrefix: 'ST-ODD', paste: STRANGE_PASTE, status: 'escalated', count: 2, start, stepHours: 400 }),
  ];
}
