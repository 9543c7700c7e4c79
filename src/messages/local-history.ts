/**
 * The diagnosis says when this deployment's closed cases moved a cause: "Seen in 12 of the last 40
 * closed 10054 cases here", and how far its prior moved from the knowledge base's.
 */
import type { Block } from './model';
import { percent } from './percent';

/** The part of the engine's LocalNote that is shown (structural, like DiagnosisView). */
export interface LocalNoteView {
  title: string;
  seen: number;
  of: number;
  error?: number;
  defaultPrior: number;
  localPrior: number;
}

export function localNoteText(n: LocalNoteView): string {
  const like = n.error !== undefined ? `closed ${n.error} cases` : 'closed cases of this kind';
  const moved = n.localPrior > n.defaultPrior ? 'raised' : 'lowered';
  return `${n.title}: seen in ${n.seen} of the last ${n.of} ${like} here, so local history ${moved} it (prior in its family ${percent(n.defaultPrior)} → ${percent(n.localPrior)}).`;
}

export function localHistoryBlocks(notes: LocalNoteView[] | undefined): Block[] {
  if (!notes || notes.length === 0) return [];
  return [{ kind: 'list', title: "From this team's closed cases", items: notes.map(localNoteText) }];
}
