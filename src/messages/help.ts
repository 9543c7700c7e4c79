/** What the bot can do, in the words a user would type. */
import type { CollectItem } from '../kb/types';
import { message, Message } from './model';

export function helpMessage(opts: { probeServers?: string[] } = {}): Message {
  const items = [
    'Paste a SQL Server connection error (or attach a SQLCHECK report as a text file): I name the likely causes, how to confirm and fix each, and where that comes from.',
    'Answer my follow-up questions with the buttons; each answer re-ranks the causes.',
    'Paste more (another error, the server-side SQLCHECK report): it joins the same case.',
    '"probe NAME": test a configured server step by step (DNS, TCP, Browser, pre-login, TLS, login).',
    '"escalate": hand the case over with everything gathered so far.',
    '"start over": close this case and begin a new one.',
  ];
  const blocks: Message['blocks'] = [
    { kind: 'heading', text: 'SQL Server connection triage' },
    { kind: 'list', items },
  ];
  if (opts.probeServers && opts.probeServers.length > 0) {
    blocks.push({ kind: 'list', title: 'Servers I may probe', items: opts.probeServers });
  }
  return message(blocks);
}

/** How to run SQLCHECK on both ends; the steps come from knowledge/collect.yaml when present. */
export function sqlcheckMessage(item: CollectItem | undefined): Message {
  const how = item?.how ?? 'Run SQLCHECK on the client computer and on the SQL Server computer, then attach both reports here.';
  return message([
    { kind: 'heading', text: item?.title ?? 'Run SQLCHECK on both ends' },
    { kind: 'text', text: how },
    { kind: 'text', text: 'Attach both reports to this conversation: I compare them and add the findings to this case.' },
  ]);
}
