/**
 * Closed cases made the way the bot makes them: a paste through the real engine (parse, redact,
 * rank), answers and probes as evidence, then the "That fixed it" close or an escalation.
 * Deterministic: dates and variants follow the index, no randomness.
 */
import type { Knowledge } from '../src/kb/compiled';
import { addAnswer, addNote, addPaste, addProbe, openCase, resolveCase } from '../src/triage';
import type { Case } from '../src/triage/types';

/** A DHE-shaped failure: the handshake reset (10054) during pre-login, as .NET prints it. */
export function dhePaste(i: number): string {
  return [
    `Microsoft.Data.SqlClient.SqlException (0x80131904): A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: SSL Provider, error: 0 - An existing connection was forcibly closed by the remote host.)`,
    ` ---> System.ComponentModel.Win32Exception (10054): An existing connection was forcibly closed by the remote host.`,
    `   at Microsoft.Data.SqlClient.SqlInternalConnection.OnError(SqlException exception, Boolean breakConnection)`,
    `ClientConnectionId:${(0x1000 + i).toString(16)}aa0e-0c1f-4a5b-9d3e-000000000000`,
    `Error Number:10054,State:0,Class:20`,
  ].join('\n');
}

export const LOGIN_PASTE = (i: number): string =>
  `Login failed for user 'app${i % 7}'. Password=Hunter2-${i}; (Microsoft SQL Server, Error: 18456)`;
export const CERT_PASTE = (i: number): string =>
  `A connection was successfully established with the server, but then an error occurred during the login process. (provider: SSL Provider, error: 0 - The certificate chain was issued by an authority that is not trusted.) server=db${i}.corp.example`;
export const TIMEOUT_PASTE = (i: number): string =>
  `Connection Timeout Expired. The timeout period elapsed while attempting to consume the pre-login handshake acknowledgement. This could be because the pre-login handshake failed or the server was unable to respond back in time. The duration spent while attempting to connect to this server was - [Pre-Login] initialization=${21000 + i}; handshake=0;`;
/** Text nothing in the knowledge base places. */
export const STRANGE_PASTE = (i: number): string => `the report job printed something odd again on run ${i}, nobody knows what it means`;

export interface GenOptions {
  paste: (i: number) => string;
  /** Confirmed cause; undefined closes as "something else" with `note`. */
  cause?: string;
  note?: string;
  /** 'escalated' hands the case off instead of closing it. */
  status?: 'resolved' | 'escalated';
  count: number;
  /** First case's opening time; each next one opens `stepHours` later. */
  start: Date;
  stepHours?: number;
  /** Hours from opening to closing. */
  closeHours?: number;
  answers?: [string, string][];
  probe?: string[];
  idPrefix: string;
}

export function generateCases(kb: Knowledge, o: GenOptions): Case[] {
  const out: Case[] = [];
  for (let i = 0; i < o.count; i++) {
    const opened = new Date(o.start.getTime() + i * (o.stepHours ?? 6) * 3_600_000);
    const closed = new Date(opened.getTime() + (o.closeHours ?? 2) * 3_600_000);
    let c = openCase({ id: `${o.idPrefix}-${String(i).padStart(4, '0')}`, now: opened });
    const pasted = addPaste(c, o.paste(i), kb, { by: 'gen', now: opened });
    c = pasted.case;
    for (const [q, a] of o.answers ?? []) c = addAnswer(c, q, a, kb, { by: 'gen', now: opened });
    if (o.probe) c = addProbe(c, 'erp-prod', { steps: o.probe }, o.probe, kb, { by: 'gen', now: opened });
    if (o.status === 'escalated') {
      c = { ...c, status: 'escalated', updatedAt: closed.toISOString(), escalation: { at: closed.toISOString() } };
    } else {
      if (o.note) c = addNote(c, 'note', o.note, { by: 'gen', now: closed });
      c = resolveCase(c, { cause: o.cause, note: o.note, by: 'gen', now: closed });
    }
    out.push(c);
  }
  return out;
}
