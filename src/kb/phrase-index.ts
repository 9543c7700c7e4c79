/**
 * Finds which of many fixed phrases occur in a text in one pass (Aho-Corasick), so a 1 MB paste
 * costs one scan however many phrases the knowledge base holds. No regular expressions involved.
 */
export class PhraseIndex {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Phrase ids ending at each node, including those reached through failure links. */
  private readonly out: number[][] = [[]];
  readonly phrases: string[];

  constructor(phrases: Iterable<string>) {
    this.phrases = [...new Set(phrases)].filter((p) => p.length > 0);
    this.phrases.forEach((p, id) => this.insert(p, id));
    this.link();
  }

  private insert(phrase: string, id: number): void {
    let node = 0;
    for (let i = 0; i < phrase.length; i++) {
      const ch = phrase.charCodeAt(i);
      let child = this.next[node].get(ch);
      if (child === undefined) {
        child = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.out.push([]);
        this.next[node].set(ch, child);
      }
      node = child;
    }
    this.out[node].push(id);
  }

  private link(): void {
    const queue: number[] = [];
    for (const child of this.next[0].values()) queue.push(child);
    for (let qi = 0; qi < queue.length; qi++) {
      const node = queue[qi];
      for (const [ch, child] of this.next[node]) {
        let f = this.fail[node];
        while (f !== 0 && !this.next[f].has(ch)) f = this.fail[f];
        const target = this.next[f].get(ch);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        this.out[child] = this.out[child].concat(this.out[this.fail[child]]);
        queue.push(child);
      }
    }
  }

  /** The set of phrases found in `text` (which must already be normalised like the phrases). */
  find(text: string): Set<string> {
    const found = new Set<string>();
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      let child = this.next[node].get(ch);
      while (child === undefined && node !== 0) {
        node = this.fail[node];
        child = this.next[node].get(ch);
      }
      node = child ?? 0;
      const hits = this.out[node];
      for (let k = 0; k < hits.length; k++) found.add(this.phrases[hits[k]]);
    }
    return found;
  }
}
