/**
 * Finds which of many fixed phrases occur in a text in one pass (Aho-Corasick), so a 1 MB paste
 * costs one scan however many phrases the knowledge base holds. No regular expressions involved.
 * Transitions for ASCII are a dense table (one array read per character); other characters
 * fall back to per-node maps.
 */
const ASCII = 128;

export class PhraseIndex {
  readonly phrases: string[];
  /** delta[node * ASCII + ch]: the next node for an ASCII character, failure links already folded in. */
  private delta: Int32Array = new Int32Array(0);
  private readonly wide: Map<number, number>[] = [new Map()];
  private readonly children: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Phrase ids ending at each node, including those reached through failure links. */
  private readonly out: number[][] = [[]];
  /** 1 where a node ends at least one phrase: the scan's fast path skips the rest. */
  private hasOut: Uint8Array = new Uint8Array(0);

  constructor(phrases: Iterable<string>) {
    this.phrases = [...new Set(phrases)].filter((p) => p.length > 0);
    this.phrases.forEach((p, id) => this.insert(p, id));
    this.link();
  }

  private insert(phrase: string, id: number): void {
    let node = 0;
    for (let i = 0; i < phrase.length; i++) {
      const ch = phrase.charCodeAt(i);
      let child = this.children[node].get(ch);
      if (child === undefined) {
        child = this.children.length;
        this.children.push(new Map());
        this.wide.push(new Map());
        this.fail.push(0);
        this.out.push([]);
        this.children[node].set(ch, child);
      }
      node = child;
    }
    this.out[node].push(id);
  }

  /** Breadth-first: failure links, merged outputs, and the dense ASCII transition table. */
  private link(): void {
    const n = this.children.length;
    this.delta = new Int32Array(n * ASCII);
    for (const [ch, child] of this.children[0]) if (ch < ASCII) this.delta[ch] = child;
    const queue: number[] = [...this.children[0].values()];
    for (let qi = 0; qi < queue.length; qi++) {
      const node = queue[qi];
      const f = this.fail[node];
      for (let ch = 0; ch < ASCII; ch++) {
        const child = this.children[node].get(ch);
        this.delta[node * ASCII + ch] = child ?? this.delta[f * ASCII + ch];
      }
      for (const [ch, child] of this.children[node]) {
        this.fail[child] = node === 0 ? 0 : this.step(f, ch);
        this.out[child] = this.out[child].concat(this.out[this.fail[child]]);
        queue.push(child);
      }
    }
    this.hasOut = Uint8Array.from(this.out, (o) => (o.length > 0 ? 1 : 0));
  }

  /** One transition (used for non-ASCII characters and while linking). */
  private step(node: number, ch: number): number {
    if (ch < ASCII) return this.delta[node * ASCII + ch];
    for (let s = node; ; s = this.fail[s]) {
      const child = this.children[s].get(ch);
      if (child !== undefined) return child;
      if (s === 0) return 0;
    }
  }

  /** The set of phrases found in `text` (which must already be normalised like the phrases). */
  find(text: string): Set<string> {
    const found = new Set<string>();
    const seen = new Uint8Array(this.phrases.length);
    const { delta, out, hasOut } = this;
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      node = ch < ASCII ? delta[node * ASCII + ch] : this.step(node, ch);
      if (hasOut[node] === 0) continue;
      const hits = out[node];
      for (let k = 0; k < hits.length; k++) {
        if (seen[hits[k]] === 0) {
          seen[hits[k]] = 1;
          found.add(this.phrases[hits[k]]);
        }
      }
    }
    return found;
  }
}
