/**
 * Schannel events from the Windows System log (Event Viewer copy, Get-WinEvent or wevtutil output):
 * which TLS failures the machine logged and the TLS alert codes they name.
 */
import { SCHANNEL_EVENTS } from './data/schannel-events';
import { fact, lineAt, listOf, toInt, uniq } from './common';
import type { ReadResult, SchannelData } from './types';

const ALERT = /fatal (?:alert|error) code is (\d{1,3})/i;
const ALERT_NAMES: Record<number, string> = { 10: 'unexpected_message', 20: 'bad_record_mac', 40: 'handshake_failure', 42: 'bad_certificate', 43: 'unsupported_certificate', 45: 'certificate_expired', 46: 'certificate_unknown', 48: 'unknown_ca', 51: 'decrypt_error', 70: 'protocol_version', 71: 'insufficient_security', 80: 'internal_error' };

export function readSchannel(lines: string[]): ReadResult | undefined {
  const d: SchannelData = { events: [], alerts: [] };
  const used: number[] = [];
  let eventId: number | undefined; // "Event ID: 36874" in an Event Viewer copy precedes or follows its message
  for (let i = 0; i < lines.length; i++) {
    const line = lineAt(lines, i);
    const lower = line.toLowerCase();
    const id = /^\s{0,8}(?:event id|ereignis-id|id)\s{0,4}:\s{0,4}(368\d\d)\b/i.exec(line);
    if (id) eventId = toInt(id[1]);
    let hit = false;
    for (const ev of SCHANNEL_EVENTS) {
      if (ev.phrases.some((p) => lower.includes(p)) || (eventId !== undefined && ev.eventIds.includes(eventId) && lower.includes('schannel'))) {
        d.events.push(ev.id);
        hit = true;
      }
    }
    const alert = ALERT.exec(line);
    if (alert) {
      const code = toInt(alert[1]);
      if (code !== undefined) d.alerts.push(code);
      hit = true;
    }
    if (hit) used.push(i);
  }
  if (used.length === 0) return undefined;
  d.events = uniq(d.events);
  d.alerts = uniq(d.alerts);
  const facts = [];
  const labels = d.events.map((e) => SCHANNEL_EVENTS.find((x) => x.id === e)?.label ?? e);
  if (labels.length) facts.push(fact('Schannel events', listOf(labels, 4)));
  if (d.alerts.length) facts.push(fact('TLS alerts', listOf(d.alerts.map((a) => `${a}${ALERT_NAMES[a] ? ` (${ALERT_NAMES[a]})` : ''}`))));
  return { artifact: { kind: 'schannel', title: 'Schannel events (System log)', facts, data: d }, lines: used };
}
