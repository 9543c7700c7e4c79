/** A case with a trace: the escalation summary lists the trace, its findings and signals, valid against the schema. */
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { loadKnowledge } from '../../src/kb/load';
import { openCase } from '../../src/triage/case';
import { addPaste, addTrace } from '../../src/triage/evidence';
import { escalationSummary, renderEscalationJson, renderEscalationMarkdown } from '../../src/triage';
import { readTraceFile, traceEvidence } from '../../src/trace';
import { scenario } from './fixtures';

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../docs/escalation-schema.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
const validate = ajv.compile(schema);

test('the escalation summary carries the trace as evidence and credits its signal to the leading cause', async () => {
  const kb = loadKnowledge();
  const s = scenario('dhe');
  const report = await readTraceFile(s.path, { ports: s.ports });
  let c = addPaste(openCase({ id: 'TR-1' }), 'A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: TCP Provider, error: 0 - An existing connection was forcibly closed by the remote host.)', kb).case;
  c = addTrace(c, traceEvidence(['client.pcapng'], [report]), kb);
  const summary = escalationSummary(c, kb);
  const entry = summary.evidence.find((e) => e.kind === 'trace');
  expect(entry).toMatchObject({ kind: 'trace', files: ['client.pcapng'], signals: ['trace:tls.dhe-chosen'] });
  expect(summary.headline.leadingCause?.id).toBe('tls-dhe-leading-zero');
  const doc = JSON.parse(renderEscalationJson(summary));
  expect(validate(doc) ? 'No errors' : ajv.errorsText(validate.errors)).toBe('No errors');
  expect(renderEscalationMarkdown(summary)).toMatch(/Network trace client\.pcapng: 1 finding[\s\S]*tls\.dhe-chosen: 1 ServerHello/);
});
