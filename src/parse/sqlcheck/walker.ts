/**
 * First pass: walk the normalised lines once and sort each into blocks (k/v pairs, tables, messages,
 * items), using only the layout. No meaning is attached here; facts.ts reads the blocks afterwards.
 * Every line ends up somewhere: a block, the message list, or `unparsed`.
 */
import { BANNERS, BlockKind, LABEL_BLOCKS, REPEATABLE, STATEMENT_PREFIXES, TITLES, TITLE_PREFIXES, tableKind } from './layout';
import { dashSpans, sliceRow, Span } from './table';
import type { KeyValue, Located, MessageSeverity, SqlcheckMessage, Table } from './types';

export interface Block {
  id: string;
  kind: BlockKind;
  /** The heading or statement that opened it, if any. */
  title?: Located;
  kv: Map<string, KeyValue>;
  tables: Table[];
  /** Indented lines that are not table rows (HOSTS entries) and literal statements. */
  items: Located[];
}

export interface WalkResult {
  blocks: Block[];
  messages: SqlcheckMessage[];
  banners: Located[];
  unparsed: Located[];
}

const MESSAGE = /^(Critical|Warning|Exception|Info): ?(.*)$/;
const KEY_VALUE = /^([A-Za-z0-9.][^:]{0,40}):(?: +(.*))?$/;

function bannerTitle(line: string): string | undefined {
  if (!line.startsWith('----------') || !line.endsWith('----------')) return undefined;
  let a = 0;
  let b = line.length;
  while (a < b && line[a] === '-') a++;
  while (b > a && line[b - 1] === '-') b--;
  const title = line.slice(a, b).trim();
  return (BANNERS as readonly string[]).includes(title) ? title : undefined;
}

function titleKind(t: string): BlockKind | undefined {
  const exact = TITLES[t];
  if (exact) return exact;
  for (const [prefix, kind] of TITLE_PREFIXES) if (t.startsWith(prefix)) return kind;
  return undefined;
}

class Walker {
  readonly blocks: Block[] = [];
  readonly messages: SqlcheckMessage[] = [];
  readonly banners: Located[] = [];
  readonly unparsed: Located[] = [];
  private current: Block | undefined;
  private table: { t: Table; spans: Span[] } | undefined;
  private exception: SqlcheckMessage | undefined;
  private counts = new Map<BlockKind, number>();

  open(kind: BlockKind, title?: Located, name?: string): Block {
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    const id = kind === 'instance' ? `instance:${name ?? `#${n}`}` : REPEATABLE.has(kind) ? `${kind}:${n}` : kind;
    const existing = REPEATABLE.has(kind) ? undefined : this.blocks.find((b) => b.id === id);
    const block = existing ?? { id, kind, title, kv: new Map(), tables: [], items: [] };
    if (!existing) this.blocks.push(block);
    if (existing && title && !existing.title) existing.title = title;
    this.current = block;
    return block;
  }

  /** The block a k/v label or table belongs in: stay when it fits, otherwise open the right one. */
  private blockFor(kinds: BlockKind[], label?: string): Block {
    const cur = this.current;
    if (cur && kinds.includes(cur.kind)) {
      if (label && REPEATABLE.has(cur.kind) && cur.kv.has(label)) return this.open(cur.kind);
      return cur;
    }
    if (cur?.kind === 'nics' && kinds.includes('nic')) return this.open('nic');
    return this.open(kinds[0]);
  }

  walk(lines: string[]): void {
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i];
      const at: Located = { line: i + 1, raw };
      if (raw.trim() === '') {
        this.table = undefined;
        this.exception = undefined;
        continue;
      }
      if (this.exception && !MESSAGE.test(raw.trim()) && !bannerTitle(raw.trim())) {
        (this.exception.detail ??= []).push(raw.trim());
        continue;
      }
      this.exception = undefined;
      const spans = i + 1 < lines.length ? dashSpans(lines[i + 1]) : null;
      if (spans && this.startTable(at, spans)) {
        i++;
        continue;
      }
      if (this.line(at)) continue;
      if (this.table) {
        const row = sliceRow(raw, this.table.spans);
        this.table.t.rows.push({ ...at, cells: row.cells });
        if (row.lowConfidence) this.table.t.lowConfidence = true;
        continue;
      }
      if (this.current && (this.current.kind === 'hosts' || this.current.kind === 'minidrivers') && raw.startsWith(' ')) {
        this.current.items.push({ line: at.line, raw: raw.trim() });
        continue;
      }
      this.unparsed.push(at);
    }
  }

  private startTable(at: Located, spans: Span[]): boolean {
    const indent = at.raw.length - at.raw.trimStart().length;
    if (indent !== spans[0].start && !(indent === 0 && spans[0].start === 0)) return false;
    const header = sliceRow(at.raw, spans).cells;
    const kind = tableKind(header, this.current?.kind);
    let block = this.current;
    if (kind && (!block || block.kind !== kind)) {
      block = kind === 'instance' ? this.open('instance') : this.blockFor([kind]);
    }
    if (!block) block = this.open('header');
    const t: Table = { block: block.id, title: block.title?.raw, columns: header, rows: [], lowConfidence: false };
    block.tables.push(t);
    this.table = { t, spans };
    return true;
  }

  /** Recognises a non-row line; returns false when it is none of the known kinds. */
  private line(at: Located): boolean {
    const t = at.raw.trim();
    const banner = bannerTitle(t);
    if (banner) {
      this.banners.push({ line: at.line, raw: banner });
      this.table = undefined;
      this.current = banner === 'Start of Report' ? this.open('header') : undefined;
      return true;
    }
    const m = MESSAGE.exec(t);
    if (m) {
      this.table = undefined;
      const severity = m[1] as MessageSeverity;
      const msg: SqlcheckMessage = { ...at, raw: t, severity, text: m[2].trim(), block: this.current?.id ?? 'none' };
      this.messages.push(msg);
      if (severity === 'Exception') this.exception = msg;
      return true;
    }
    // Rows are indented; a title, statement or label never is.
    if (this.table && at.raw.startsWith(' ')) return false;
    const kind = titleKind(t);
    if (kind) {
      this.table = undefined;
      const name = kind === 'instance' ? t.slice('Details for SQL Server Instance:'.length).trim().split(' (')[0] : undefined;
      const block = this.open(kind, { line: at.line, raw: t }, name);
      if (kind === 'trusts' || kind === 'hosts' || kind === 'aliases' || kind === 'instances') block.items.push({ line: at.line, raw: t });
      return true;
    }
    for (const [prefix, k] of STATEMENT_PREFIXES) {
      if (!t.startsWith(prefix)) continue;
      this.table = undefined;
      const block = k ? this.blockFor([k]) : this.current;
      block?.items.push({ line: at.line, raw: t });
      return true;
    }
    const kv = KEY_VALUE.exec(t);
    if (kv && !at.raw.startsWith(' ')) {
      const label = kv[1];
      const kinds = LABEL_BLOCKS.get(label);
      if (!kinds) return false;
      this.table = undefined;
      const block = this.blockFor(kinds, label);
      block.kv.set(label, { line: at.line, raw: t, label, value: (kv[2] ?? '').trim() });
      return true;
    }
    return false;
  }
}

export function walk(lines: string[]): WalkResult {
  const w = new Walker();
  w.walk(lines);
  return { blocks: w.blocks, messages: w.messages, banners: w.banners, unparsed: w.unparsed };
}
