/**
 * "escalate": says what will be handed off and marks the case escalated. The hand-off itself
 * (destination, impact, contact) is the escalation issue's work and extends this dialog.
 */
import { Dialog, DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { diagnose } from '../src/triage';
import type { Case } from '../src/triage/types';
import { message } from '../src/bot/messages/model';
import { percent } from '../src/bot/messages/model';
import { sendMessage } from '../src/bot/messages/send';
import { currentCase, saveCase } from './case-access';
import { DIALOG_IDS, DialogDeps } from './deps';
import { speaker } from './turn-input';

function evidenceCounts(c: Case): string {
  const counts = new Map<string, number>();
  for (const e of c.evidence) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  const parts = [...counts].map(([k, n]) => `${n} ${k}${n === 1 ? '' : 's'}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing yet';
}

export class EscalateDialog extends Dialog {
  constructor(private readonly deps: DialogDeps) {
    super(DIALOG_IDS.escalate);
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const now = new Date().toISOString();
    let c = await currentCase(ctx, this.deps);
    const d = diagnose(c, this.deps.kb);
    c = { ...c, status: 'escalated', updatedAt: now, escalation: { ...c.escalation, at: now } };
    await saveCase(this.deps, c);
    await this.deps.audit.append({ at: now, kind: 'escalate', caseId: c.id, by: speaker(ctx) });
    const leading = d.causes.map((x) => `${x.title} (${percent(x.score)})`);
    await sendMessage(
      ctx,
      message([
        { kind: 'heading', text: `Escalating case ${c.id}` },
        { kind: 'text', text: 'This is what will be handed off:' },
        {
          kind: 'facts',
          facts: [
            { label: 'Case', value: c.id },
            { label: 'Evidence', value: evidenceCounts(c) },
            { label: 'Family', value: d.family ? `${d.family.title} (${percent(d.family.score)})` : 'not determined' },
          ],
        },
        { kind: 'list', title: 'Leading causes', items: leading.length > 0 ? leading : ['none yet: no evidence was added'] },
        { kind: 'text', text: 'The case is marked escalated. Paste more here and it joins the same case.' },
      ]),
    );
    return dc.endDialog();
  }
}
