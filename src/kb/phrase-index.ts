/**
 * Finds which of many fixed phrases occur in a text in one pass (Aho-Corasick), so a 1 MB paste
 * costs one scan however many phrases the knowledge base holds. No regular expressions involved.
 *
 * The automaton (trie edges, failure links, outputs) is built once by `npm run build` and stored in
 * dist/knowledge.json as packed integer arrays, so a process starts by decoding them instead of
 * building the trie. Transitions for ASCII are remembered in a dense table as the scan meets them
 * (one array read per character once warm); other characters walk the failure links.
 */
const ASCII = 128;

/** The automaton as stored: integer arrays base64-packed (little-endian Int32). */
export interface CompiledPhraseIndex {
  phrases: string[];
  /** Per node, the first index of its edges in edgeChar/edgeChild (length nodes + 1). */
  edgeStart: string;
  edgeChar: string;
  edgeChild: string;
  fail: string;
  /** Per node, the first index of its phrase ids in outIds (length nodes + 1); failure outputs merged. */
  outStart: string;
  outIds: string;
}

const pack = (xs: ArrayLike<number>): string => Buffer.from(Int32Array.from(xs).buffer).toString('base64');

function unpack(b64: string): Int32Array {
  const buf = Buffer.from(b64, 'base64');
  // Copy into an aligned buffer: Buffer.from may hand back a view at any byte offset of a pool.
  const out = new Int32Array(buf.length / 4);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

/** Build-time: the trie of `phrases`, its failure links and merged outputs. */
export function compilePhrases(input: Iterable<string>): CompiledPhraseIndex {
  const phrases = [...new Set(input)].filter((p) => p.length > 0);
  const children: Map<number, number>[] = [new Map()];
  const ends: number[][] = [[]];
  phrases.forEach((phrase, id) => {
    let node = 0;
    for (let i = 0; i < phrase.length; i++) {
      const ch = phrase.charCodeAt(i);
      let child = children[node].get(ch);
      if (child === undefined) {
        child = children.length;
        children.push(new Map());
        ends.push([]);
        children[node].set(ch, child);
      }
      node = child;
    }
    ends[node].push(id);
  });
  const fail = new Array<number>(children.length).fill(0);
  const out = ends.map((e) => e.slice());
  const queue: number[] = [...children[0].values()];
  for (let qi = 0; qi < queue.length; qi++) {
    const node = queue[qi];
    for (const [ch, child] of children[node]) {
      let f = fail[node];
      let target = 0;
      if (node !== 0) {
        for (;;) {
          const next = children[f].get(ch);
          if (next !== undefined) {
            target = next;
            break;
          }
          if (f === 0) break;
          f = fail[f];
        }
      }
      fail[child] = target;
      out[child] = out[child].concat(out[target]);
      queue.push(child);
    }
  }
  const edgeStart: number[] = [];
  const edgeChar: number[] = [];
  const edgeChild: number[] = [];
  const outStart: number[] = [];
  const outIds: number[] = [];
  for (let node = 0; node < children.length; node++) {
    edgeStart.push(edgeChar.length);
    for (const [ch, child] of children[node]) {
      edgeChar.push(ch);
      edgeChild.push(child);
    }
    outStart.push(outIds.length);
    outIds.push(...out[node]);
  }
  edgeStart.push(edgeChar.length);
  outStart.push(outIds.length);
  return { phrases, edgeStart: pack(edgeStart), edgeChar: pack(edgeChar), edgeChild: pack(edgeChild), fail: pack(fail), outStart: pack(outStart), outIds: pack(outIds) };
}

export class PhraseIndex {
  readonly phrases: string[];
  private readonly edgeStart: Int32Array;
  private readonly edgeChar: Int32Array;
  private readonly edgeChild: Int32Array;
  private readonly fail: Int32Array;
  private readonly outStart: Int32Array;
  private readonly outIds: Int32Array;
  /** delta[node * ASCII + ch] = next node + 1, or 0 while not yet computed; allocated on the first scan. */
  private delta: Int32Array | undefined;

  /** From a list of phrases (tests, tools) or from the automaton `npm run build` compiled. */
  constructor(source: Iterable<string> | CompiledPhraseIndex) {
    const c = Symbol.iterator in Object(source) ? compilePhrases(source as Iterable<string>) : (source as CompiledPhraseIndex);
    this.phrases = c.phrases;
    this.edgeStart = unpack(c.edgeStart);
    this.edgeChar = unpack(c.edgeChar);
    this.edgeChild = unpack(c.edgeChild);
    this.fail = unpack(c.fail);
    this.outStart = unpack(c.outStart);
    this.outIds = unpack(c.outIds);
  }

  get nodes(): number {
    return this.fail.length;
  }

  /** The trie child of `node` on `ch`, or -1. */
  private child(node: number, ch: number): number {
    const { edgeChar } = this;
    for (let e = this.edgeStart[node], end = this.edgeStart[node + 1]; e < end; e++) if (edgeChar[e] === ch) return this.edgeChild[e];
    return -1;
  }

  /** One transition: the trie edge, else the failure links' (root is the end). */
  private step(node: number, ch: number): number {
    for (let s = node; ; s = this.fail[s]) {
      const c = this.child(s, ch);
      if (c >= 0) return c;
      if (s === 0) return 0;
    }
  }

  /** The set of phrases found in `text` (which must already be normalised like the phrases). */
  find(text: string): Set<string> {
    const found = new Set<string>();
    const seen = new Uint8Array(this.phrases.length);
    const delta = (this.delta ??= new Int32Array(this.nodes * ASCII));
    const { outStart, outIds } = this;
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch < ASCII) {
        const k = node * ASCII + ch;
        const d = delta[k];
        if (d !== 0) node = d - 1;
        else {
          node = this.step(node, ch);
          delta[k] = node + 1;
        }
      } else node = this.step(node, ch);
      const end = outStart[node + 1];
      for (let o = outStart[node]; o < end; o++) {
        const id = outIds[o];
        if (seen[id] === 0) {
          seen[id] = 1;
          found.add(this.phrases[id]);
        }
      }
    }
    return found;
  }
}
