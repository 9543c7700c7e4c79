/**
 * Serialises the data file without re-serialising what did not change. Each state record, case
 * and audit entry keeps its JSON text; a write re-serialises only the entries marked changed and
 * joins the rest. With thousands of cases this turns a whole-file JSON.stringify per write into a
 * string join, which is what keeps /api/messages fast while every turn is persisted.
 */
import type { DataShape } from './data-file';
import { getOwn } from './own';

type Section = 'state' | 'cases';

export class Snapshot {
  private readonly text: Record<Section, Map<string, string>> = { state: new Map(), cases: new Map() };
  private readonly dirty: Record<Section, Set<string>> = { state: new Set(), cases: new Set() };
  private audit: string[] = [];

  constructor(private readonly data: () => DataShape) {
    const d = data();
    for (const section of ['state', 'cases'] as const) {
      for (const [key, value] of Object.entries(d[section])) this.text[section].set(key, JSON.stringify(value));
    }
    this.audit = d.audit.map((e) => JSON.stringify(e));
  }

  /** The entry under `key` was set or deleted in memory. */
  changed(section: Section, key: string): void {
    this.dirty[section].add(key);
  }

  render(): string {
    const d = this.data();
    const parts: string[] = [`{"format":${JSON.stringify(d.format)},"seq":${JSON.stringify(d.seq)}`];
    for (const section of ['state', 'cases'] as const) {
      const map = this.text[section];
      for (const key of this.dirty[section]) {
        const value = getOwn(d[section] as Record<string, unknown>, key);
        if (value === undefined) map.delete(key);
        else map.set(key, JSON.stringify(value));
      }
      this.dirty[section].clear();
      const entries: string[] = [];
      for (const [key, json] of map) entries.push(`${JSON.stringify(key)}:${json}`);
      parts.push(`,${JSON.stringify(section)}:{${entries.join(',')}}`);
    }
    // The audit log only grows: serialise the new tail.
    for (let i = this.audit.length; i < d.audit.length; i++) this.audit.push(JSON.stringify(d.audit[i]));
    parts.push(`,"audit":[${this.audit.join(',')}]}\n`);
    return parts.join('');
  }
}
