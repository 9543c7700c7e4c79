/** What was read from each artifact of a paste (ERRORLOG, netstat, setspn ...), as message blocks. */
import type { Block } from './model';

export interface ArtifactView {
  title: string;
  facts: { label: string; value: string }[];
}

/** One list per artifact: "Read from netstat -abon (Windows)" and its facts. */
export function artifactBlocks(artifacts: ArtifactView[] | undefined): Block[] {
  return (artifacts ?? []).map((a) => ({
    kind: 'list' as const,
    title: `Read from ${a.title}`,
    items: a.facts.length ? a.facts.map((f) => `${f.label}: ${f.value}`) : ['nothing that bears on a connection failure'],
  }));
}
