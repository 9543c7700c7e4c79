/** `sqltriage kb gaps` as Markdown for the knowledge authors: one section per kind of gap. */
import type { Knowledge } from '../kb/compiled';
import { percent } from '../triage/percent';
import { AGAINST_WEIGHT, LOW_RANK, type Gaps } from './gaps';

/** Table cells hold no pipes or line breaks. */
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

export function gapsMarkdown(g: Gaps, kb: Knowledge): string {
  const title = (id: string): string => kb.cause.get(id)?.title ?? id;
  const out: string[] = ['# Knowledge gaps', '', `From ${g.cases} stored case${g.cases === 1 ? '' : 's'}, ranked with the knowledge base's own priors. Texts are redacted.`, ''];

  out.push(`## Pastes that could not be placed (${g.unplaced.length})`, '');
  if (g.unplaced.length === 0) out.push('None.', '');
  for (const u of g.unplaced) out.push(`- **${u.case}** (${u.at.slice(0, 10)}):`, '', '  ```text', `  ${u.excerpt.replace(/`/g, "'")}`, '  ```', '');

  out.push(`## Closed as "something else" (${g.somethingElse.length})`, '');
  if (g.somethingElse.length === 0) out.push('None.', '');
  else {
    out.push('| case | closed | errors | leading cause then | what fixed it |', '| --- | --- | --- | --- | --- |');
    for (const s of g.somethingElse) out.push(`| ${s.case} | ${s.at.slice(0, 10)} | ${s.errors.join(', ') || '-'} | ${s.leading ? cell(title(s.leading)) : '-'} | ${s.note ? cell(s.note) : '(no note)'} |`);
    out.push('');
  }

  out.push(`## Causes confirmed while ranked below place ${LOW_RANK} (${g.rankedLow.length})`, '');
  if (g.rankedLow.length === 0) out.push('None.', '');
  else {
    out.push('| confirmed cause | times | its places (scores) | led instead | cases |', '| --- | --- | --- | --- | --- |');
    for (const r of g.rankedLow) {
      const places = r.cases.slice(0, 5).map((x) => `${x.rank || '-'} (${percent(x.score)})`).join(', ');
      const leaders = [...new Set(r.cases.map((x) => x.leader))].map((l) => cell(title(l))).join('; ');
      const ids = r.cases.slice(0, 5).map((x) => x.case).join(', ');
      const more = r.cases.length > 5 ? ' …' : '';
      out.push(`| ${cell(title(r.cause))} (\`${r.cause}\`) | ${r.count} | ${places}${more} | ${leaders} | ${ids}${more} |`);
    }
    out.push('');
  }

  out.push(`## Answers that went against the confirmed cause (${g.answersAgainst.length})`, '');
  if (g.answersAgainst.length === 0) out.push('None.', '');
  else {
    out.push(`Each answer lowered the confirmed cause's log-odds by ${-AGAINST_WEIGHT} or more: its option's effect may be wrong for that cause.`, '');
    out.push('| question | answer | confirmed cause | log-odds | cases |', '| --- | --- | --- | --- | --- |');
    for (const a of g.answersAgainst) {
      const q = kb.question.get(a.question);
      const label = q?.options.find((o) => o.id === a.option)?.label ?? a.option;
      out.push(`| \`${a.question}\` | ${cell(label)} (\`${a.option}\`) | \`${a.cause}\` | ${a.weight.toFixed(2)} | ${a.count}: ${a.cases.slice(0, 5).join(', ')}${a.cases.length > 5 ? ' …' : ''} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
