/**
 * Escalation summary cost: building the summary and rendering it (Markdown, JSON, Teams card,
 * Slack blocks) for a worked case (error text, both SQLCHECK fixtures, two answers, a probe
 * result) and for a case holding a 1 MB paste. Figures are milliseconds (p50 / p99).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadKnowledge } from '../src/kb/load';
import { projectRoot } from '../src/kb/paths';
import { addAnswer, addPaste, addProbe, openCase } from '../src/triage';
import type { Case } from '../src/triage/types';
import { escalationSummary, renderEscalationJson, renderEscalationMarkdown } from '../src/triage/escalation';
import { CHAT_LIMITS } from '../src/triage/escalation/render/clip';
import { renderEscalationCard, renderEscalationSlack } from '../src/bot/render/escalation';
import { round, summarize, timeMs } from './stats';

const RUNS = 200;
const TLS_PASTE =
  'A connection was successfully established with the server, but then an error occurred during the pre-login handshake. ' +
  '(provider: TCP Provider, error: 0 - An existing connection was forcibly closed by the remote host.)';

function workedCase(): Case {
  const kb = loadKnowledge();
  const shared = resolve(projectRoot(), '../shared/fixtures/sqlcheck');
  const probe = JSON.parse(readFileSync(join(projectRoot(), 'test/triage/escalation/fixtures/probe-weak-cert.json'), 'utf8'));
  let c = addPaste(openCase({ id: 'ST-BENCH' }), TLS_PASTE, kb).case;
  c = addPaste(c, readFileSync(join(shared, 'a_client_tls12_disabled.txt'), 'utf8'), kb).case;
  c = addPaste(c, readFileSync(join(shared, 'b_server_weak_cert_hash_force_encryption.txt'), 'utf8'), kb).case;
  c = addAnswer(c, kb.kb.questions[0].id, kb.kb.questions[0].options[0].id, kb);
  c = addAnswer(c, kb.kb.questions[1].id, kb.kb.questions[1].options[0].id, kb);
  return addProbe(c, 'bench-sql', probe.result, probe.signals, kb);
}

function hugeCase(): Case {
  const line = '   at Contoso.Data.Repository.Load() in C:\\src\\Repository.cs:line 42 Password=bench-secret;\n';
  return addPaste(openCase({ id: 'ST-BENCH-1MB' }), TLS_PASTE + '\n' + line.repeat(Math.floor(1_000_000 / line.length)), loadKnowledge()).case;
}

function measure(c: Case, prefix: string): Record<string, number> {
  const kb = loadKnowledge();
  const build: number[] = [];
  const render: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let s!: ReturnType<typeof escalationSummary>;
    build.push(timeMs(() => (s = escalationSummary(c, kb))));
    render.push(timeMs(() => [renderEscalationMarkdown(s), renderEscalationMarkdown(s, CHAT_LIMITS), renderEscalationJson(s), renderEscalationCard(s), renderEscalationSlack(s)]));
  }
  const b = summarize(build);
  const r = summarize(render);
  return { [`${prefix}_summary_p50_ms`]: round(b.p50), [`${prefix}_summary_p99_ms`]: round(b.p99), [`${prefix}_render_all_p50_ms`]: round(r.p50), [`${prefix}_render_all_p99_ms`]: round(r.p99) };
}

export async function benchEscalation(): Promise<Record<string, number | string>> {
  return { runs: RUNS, ...measure(workedCase(), 'worked_case'), ...measure(hugeCase(), 'paste_1mb') };
}
