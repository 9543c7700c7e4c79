/**
 * `node dist/bench/learning.js`: how far this deployment's closed cases move a ranking. Generated
 * closed DHE cases (bench/closed-cases.ts) teach local priors; a new DHE-shaped 10054 paste is then
 * ranked with them. Prints the DHE leading-zero cause's place, score and prior for 0 to 100 cases.
 */
import { loadKnowledge } from '../src/kb/load';
import type { Knowledge } from '../src/kb/compiled';
import { addPaste, openCase, rankCase } from '../src/triage';
import { learnFromCases } from '../src/learn/apply';
import { LEARNING } from '../src/learn/settings';
import { dhePaste, generateCases } from './closed-cases';

const DHE = 'tls-dhe-leading-zero';
const COUNTS = [0, 1, 3, 10, 30, 100];

function measure(k: Knowledge): { rank: number; score: number; leader: string; leaderScore: number; prior: number } {
  const c = addPaste(openCase({ id: 'bench' }), dhePaste(9999), k).case;
  const causes = rankCase(c, k).causes;
  const i = causes.findIndex((x) => x.id === DHE);
  const family = k.causesOf.get('tls-handshake-failure')!;
  return { rank: i + 1, score: causes[i].score, leader: causes[0].id, leaderScore: causes[0].score, prior: k.cause.get(DHE)!.prior / family.reduce((a, x) => a + x.prior, 0) };
}

function main(): void {
  const kb = loadKnowledge();
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const rows = COUNTS.map((n) => {
    const cases = generateCases(kb, { idPrefix: 'BENCH', paste: dhePaste, cause: DHE, count: n, start: new Date('2026-06-01T00:00:00Z') });
    return { n, ...measure(learnFromCases(cases, kb)) };
  });
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ pseudoCount: LEARNING.pseudoCount, cause: DHE, rows })}\n`);
    return;
  }
  process.stdout.write(`Local priors: a DHE-shaped 10054 paste after N confirmed ${DHE} cases (pseudo-count ${LEARNING.pseudoCount})\n\n`);
  process.stdout.write(`${'N'.padStart(4)}  ${'prior in family'.padStart(15)}  ${'place'.padStart(5)}  ${'score'.padStart(6)}  leader\n`);
  for (const r of rows) {
    process.stdout.write(`${String(r.n).padStart(4)}  ${pct(r.prior).padStart(15)}  ${String(r.rank).padStart(5)}  ${pct(r.score).padStart(6)}  ${r.leader} (${pct(r.leaderScore)})\n`);
  }
}

if (require.main === module) main();
