/**
 * Foreign-text figures for `npm run eval`: texts from other databases and generic HTTP/OS errors
 * (bench/fixtures/foreign-*.jsonl, our own composition of the formats those products print). A
 * SQL Server family at 0.5 or more on any of them is a confident wrong answer.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Knowledge } from '../src/kb/compiled';
import { classifyText } from '../src/triage/classify-text';
import { projectRoot } from '../src/kb/paths';

export interface ForeignItem {
  id: string;
  product: string;
  text: string;
}

export const FOREIGN_TUNING = path.join(projectRoot(), 'bench', 'fixtures', 'foreign-errors.jsonl');
/** Never tuned on: written together with the tuning half and split by alternation before any tuning. */
export const FOREIGN_HOLDOUT = path.join(projectRoot(), 'bench', 'fixtures', 'foreign-holdout.jsonl');

export function readForeign(file: string): ForeignItem[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as ForeignItem);
}

export interface ForeignReport {
  n: number;
  /** Highest SQL Server family score over the set. */
  maxFamilyScore: number;
  /** Texts answered with a SQL Server family at 0.5 or more. */
  confident: number;
  /** Texts answered as foreign (kind 'foreign'). */
  recognised: number;
  /** Of those, how many named the right product. */
  rightProduct: number;
  misses: { id: string; product: string; kind: string; named?: string; top?: { id: string; score: number } }[];
}

export function evaluateForeign(items: ForeignItem[], kb: Knowledge): ForeignReport {
  const report: ForeignReport = { n: items.length, maxFamilyScore: 0, confident: 0, recognised: 0, rightProduct: 0, misses: [] };
  for (const item of items) {
    const r = classifyText(item.text, kb);
    const top = r.symptoms[0];
    report.maxFamilyScore = Math.max(report.maxFamilyScore, top?.score ?? 0);
    if ((top?.score ?? 0) >= 0.5) report.confident++;
    const named = r.foreign?.product;
    if (r.kind === 'foreign') report.recognised++;
    if (named === item.product) report.rightProduct++;
    else report.misses.push({ id: item.id, product: item.product, kind: r.kind, named, top });
  }
  return report;
}
