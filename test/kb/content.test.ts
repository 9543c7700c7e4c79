/**
 * What users of the bot rely on in knowledge/: every family can be recognised and explained, every
 * cause can be acted on and traced to a source, and every reference between files resolves.
 * Reads the YAML directly so it holds whatever the loader in src/kb does.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

const root = path.join(__dirname, '..', '..', 'knowledge');
const read = (rel: string): any => parse(fs.readFileSync(path.join(root, rel), 'utf8'));

const FAMILIES = [
  'tls-handshake-failure',
  'certificate-untrusted',
  'connection-refused',
  'server-not-found',
  'connection-timeout',
  'connection-dropped',
  'resource-exhaustion',
  'login-failed',
  'sspi-kerberos',
  'database-unavailable',
  'not-connectivity',
];

const families: any[] = read('families.yaml').families;
const sources: any[] = read('sources.yaml').sources;
const questions: any[] = read('questions.yaml').questions;
const collect: any[] = read('collect.yaml').collect;
const causeFiles = fs.readdirSync(path.join(root, 'causes')).filter((f) => f.endsWith('.yaml'));
const causes: any[] = causeFiles.flatMap((f) =>
  (read(path.join('causes', f)).causes as any[]).map((c) => ({ ...c, file: f })),
);
const causeIds = new Set(causes.map((c) => c.id));
const collectIds = new Set(collect.map((c) => c.id));
const sourceIds = new Set(sources.map((s) => s.id));

/** Seed scenarios that must each be covered by a cause citing that seed. */
const SEED_SCENARIOS: Record<string, string> = {
  'tls-no-common-protocol': 'seed-tls-forcibly-closed',
  'tls-no-common-cipher': 'seed-tls-forcibly-closed',
  'tls-weak-hash-certificate': 'seed-tls-forcibly-closed',
  'tls-dhe-leading-zero': 'seed-tls-forcibly-closed',
  'tls-encryption-level-mismatch': 'seed-mssqlserver-10054',
  'refused-wrong-port': 'seed-actively-refused',
  'refused-alias-port': 'seed-actively-refused',
  'refused-not-listening': 'seed-actively-refused',
  'refused-not-sql-server': 'seed-actively-refused',
  'dropped-antivirus-filter-driver': 'seed-intermittent-network',
  'dropped-network-device': 'seed-intermittent-network',
  'dropped-nic-offloading': 'seed-intermittent-network',
  'exhaust-no-pooling-ephemeral-ports': 'seed-intermittent-network',
  'timeout-server-thread-starvation': 'seed-intermittent-network',
  'timeout-firewall-drop': 'seed-intermittent-network',
  'dropped-vm-network-buffers': 'seed-intermittent-network',
  'dropped-low-kernel-memory': 'seed-intermittent-network',
  'timeout-slow-dns-or-security': 'seed-intermittent-network',
  'tls-closed-after-clienthello': 'seed-intermittent-network',
};

/** Cause ids other parts of the system map onto; renaming one silently breaks them. */
const REQUIRED_CAUSES: Record<string, string[]> = {
  'tls-handshake-failure': [
    'tls-no-common-protocol', 'tls-no-common-cipher', 'tls-weak-hash-certificate', 'tls-dhe-leading-zero',
    'tls-driver-without-tls12', 'tls-encryption-level-mismatch', 'tls-closed-after-clienthello',
  ],
  'certificate-untrusted': [
    'cert-self-signed-untrusted', 'cert-encrypt-default-changed', 'cert-private-ca-untrusted', 'cert-name-mismatch', 'cert-expired',
  ],
  'connection-refused': [
    'refused-wrong-port', 'refused-alias-port', 'refused-not-listening', 'refused-not-sql-server', 'refused-firewall-reject',
  ],
  'server-not-found': [
    'notfound-dns', 'notfound-browser-not-running', 'notfound-instance-name-wrong', 'notfound-remote-disabled',
    'notfound-firewall-blocked', 'notfound-localdb-or-express-default',
  ],
  'connection-timeout': [
    'timeout-firewall-drop', 'timeout-slow-dns-or-security', 'timeout-server-thread-starvation',
    'timeout-multisubnet-failover', 'timeout-too-short-for-latency',
  ],
  'connection-dropped': [
    'dropped-antivirus-filter-driver', 'dropped-network-device', 'dropped-nic-offloading', 'dropped-firewall',
    'dropped-vm-network-buffers', 'dropped-low-kernel-memory', 'dropped-server-side-close',
  ],
  'resource-exhaustion': ['exhaust-no-pooling-ephemeral-ports', 'exhaust-pool-leak', 'exhaust-pool-blocked-by-slow-queries'],
  'login-failed': [
    'login-wrong-password', 'login-user-not-found', 'login-default-db', 'login-sql-auth-disabled', 'login-disabled-or-locked',
    'login-password-expired', 'login-no-connect-permission', 'login-untrusted-domain', 'login-entra-token', 'login-azure-firewall',
  ],
  'sspi-kerberos': [
    'sspi-spn-missing', 'sspi-spn-duplicate', 'sspi-spn-wrong-account', 'sspi-dc-or-clock', 'sspi-double-hop',
    'sspi-integrated-not-configured',
  ],
  'database-unavailable': ['db-not-exist-or-no-access', 'db-azure-transient', 'db-offline-recovery-single-user'],
  'not-connectivity': ['nc-query-error', 'nc-query-timeout', 'nc-deadlock'],
};

const allWeighted = (): { where: string; match: any }[] => [
  ...families.flatMap((f) => f.signatures.map((s: any) => ({ where: `family ${f.id}`, match: s.match }))),
  ...causes.flatMap((c) => c.evidence.map((e: any) => ({ where: `cause ${c.id}`, match: e.match }))),
];

/** Score a text with the phrase-only signatures, using the documented Match semantics. */
function phraseScores(text: string): Map<string, number> {
  const norm = text.toLowerCase().replace(/\s+/g, ' ');
  const scores = new Map<string, number>();
  for (const f of families) {
    let total = 0;
    for (const { match, weight } of f.signatures) {
      if (Object.keys(match).some((k) => k !== 'phrase' && k !== 'notPhrase')) continue;
      if (match.phrase && !match.phrase.some((p: string) => norm.includes(p))) continue;
      if (match.notPhrase && match.notPhrase.some((p: string) => norm.includes(p))) continue;
      total += weight;
    }
    scores.set(f.id, total);
  }
  return scores;
}

describe('families', () => {
  test('exactly the eleven families, each with a title, summary, signatures and 12-25 examples', () => {
    expect(families.map((f) => f.id).sort()).toEqual([...FAMILIES].sort());
    for (const f of families) {
      expect(f.title).toBeTruthy();
      expect(f.summary.length).toBeGreaterThan(40);
      expect(f.signatures.length).toBeGreaterThan(0);
      expect(f.examples.length).toBeGreaterThanOrEqual(12);
      expect(f.examples.length).toBeLessThanOrEqual(25);
    }
  });

  test('examples are distinct within and across families', () => {
    const all = families.flatMap((f) => f.examples.map((e: string) => e.trim()));
    expect(new Set(all).size).toBe(all.length);
  });

  test('phrase signatures alone put most of a family\'s own examples on top', () => {
    for (const f of families) {
      const hits = f.examples.filter((e: string) => {
        const scores = phraseScores(e);
        const best = Math.max(...scores.values());
        return scores.get(f.id) === best && best > 0;
      }).length;
      expect({ family: f.id, share: hits / f.examples.length >= 0.8 }).toEqual({ family: f.id, share: true });
    }
  });

  test('a plain chat line scores highest for not-connectivity', () => {
    const scores = phraseScores('could you explain what an index is?');
    expect([...scores.entries()].sort((a, b) => b[1] - a[1])[0][0]).toBe('not-connectivity');
  });
});

describe('signatures and evidence', () => {
  test('phrases are lower case and whitespace-folded, so they can match normalised text', () => {
    for (const { where, match } of allWeighted()) {
      for (const p of [...(match.phrase ?? []), ...(match.notPhrase ?? [])]) {
        expect({ where, p, ok: p === p.toLowerCase().replace(/\s+/g, ' ') && p.trim() === p && p.length > 0 }).toEqual({
          where, p, ok: true,
        });
      }
    }
  });

  test('no condition is empty and only known match keys are used', () => {
    const keys = new Set(['sqlError', 'state', 'sni', 'win32', 'hresult', 'provider', 'phase', 'code', 'driver', 'exception', 'phrase', 'notPhrase']);
    for (const { where, match } of allWeighted()) {
      expect({ where, n: Object.keys(match).length > 0 }).toEqual({ where, n: true });
      for (const k of Object.keys(match)) expect({ where, k, known: keys.has(k) }).toEqual({ where, k, known: true });
      for (const h of match.hresult ?? []) expect(h).toMatch(/^0x[0-9A-F]+$/);
    }
  });
});

describe('causes', () => {
  test('cause ids are unique and each lives in the file of its family', () => {
    expect(causeIds.size).toBe(causes.length);
    for (const c of causes) {
      expect(FAMILIES).toContain(c.family);
      expect(c.file).toBe(`${c.family}.yaml`);
    }
  });

  test('every required cause id exists in its family', () => {
    for (const [family, ids] of Object.entries(REQUIRED_CAUSES)) {
      for (const id of ids) expect({ id, family: causes.find((c) => c.id === id)?.family }).toEqual({ id, family });
    }
  });

  test('every cause can be acted on: 2-5 checks, 2-5 fixes, a prior in 0..1, evidence with reasons', () => {
    for (const c of causes) {
      const shape = {
        id: c.id,
        checks: c.checks.length >= 2 && c.checks.length <= 5,
        fixes: c.fixes.length >= 2 && c.fixes.length <= 5,
        prior: c.prior > 0 && c.prior <= 1,
        evidenceWhy: c.evidence.every((e: any) => typeof e.why === 'string' && e.why.length > 0),
        title: typeof c.title === 'string' && c.title.length > 0,
      };
      expect(shape).toEqual({ id: c.id, checks: true, fixes: true, prior: true, evidenceWhy: true, title: true });
    }
  });

  test('every cause cites an existing source and names existing collect items', () => {
    for (const c of causes) {
      expect({ id: c.id, source: sourceIds.has(c.source.source) }).toEqual({ id: c.id, source: true });
      expect(c.collect.length).toBeGreaterThan(0);
      for (const k of c.collect) expect({ id: c.id, k, known: collectIds.has(k) }).toEqual({ id: c.id, k, known: true });
    }
  });

  test('every seed scenario has a cause citing its seed with a section', () => {
    for (const [id, seed] of Object.entries(SEED_SCENARIOS)) {
      const c = causes.find((x) => x.id === id);
      expect({ id, source: c?.source.source, section: Boolean(c?.source.section) }).toEqual({ id, source: seed, section: true });
    }
  });

  test('each family has at least three causes', () => {
    for (const f of FAMILIES) expect(causes.filter((c) => c.family === f).length).toBeGreaterThanOrEqual(3);
  });
});

describe('sources and collect items', () => {
  test('the four seeds are present with their addresses, and all other sources are https documentation', () => {
    const seeds = sources.filter((s) => s.kind === 'seed').map((s) => s.id).sort();
    expect(seeds).toEqual(['seed-actively-refused', 'seed-intermittent-network', 'seed-mssqlserver-10054', 'seed-tls-forcibly-closed']);
    expect(sourceIds.size).toBe(sources.length);
    for (const s of sources) {
      expect(s.url).toMatch(/^https:\/\//);
      expect(['seed', 'docs']).toContain(s.kind);
      if (s.kind === 'docs') expect(s.url).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    }
  });

  test('the collect items the team relies on exist and say how', () => {
    for (const id of [
      'sqlcheck-both', 'network-trace-both', 'sql-network-analyzer', 'connectivity-ring-buffer', 'netstat-abon', 'errorlog',
      'bid-trace', 'netsh-trace', 'firewall-audit-log', 'security-event-log', 'setspn-list', 'certificate-details',
      'tls-registry', 'dns-lookup', 'app-pool-settings',
    ]) {
      const item = collect.find((c) => c.id === id);
      expect({ id, how: (item?.how ?? '').length > 40 }).toEqual({ id, how: true });
    }
    expect(collectIds.size).toBe(collect.length);
  });
});

describe('questions', () => {
  test('the required questions exist with unique option ids', () => {
    const ids = questions.map((q) => q.id);
    for (const id of ['frequency', 'clients', 'servers', 'changed', 'driver', 'instance', 'busy', 'local', 'auth', 'encrypt']) {
      expect(ids).toContain(id);
    }
    expect(new Set(ids).size).toBe(ids.length);
    for (const q of questions) {
      const opts = q.options.map((o: any) => o.id);
      expect(new Set(opts).size).toBe(opts.length);
      expect(opts.length).toBeGreaterThanOrEqual(2);
    }
  });

  test('every effect points at an existing cause and families restrictions name real families', () => {
    for (const q of questions) {
      for (const f of q.families ?? []) expect(FAMILIES).toContain(f);
      for (const o of q.options) {
        for (const e of o.effects) {
          expect({ q: q.id, o: o.id, cause: e.cause, known: causeIds.has(e.cause) }).toEqual({ q: q.id, o: o.id, cause: e.cause, known: true });
          expect(Number.isFinite(e.weight)).toBe(true);
        }
      }
    }
  });

  test('informative answers move causes both up and down, so questions can separate causes', () => {
    for (const q of questions) {
      for (const o of q.options.filter((x: any) => x.effects.length > 0)) {
        const up = o.effects.some((e: any) => e.weight > 0);
        const down = o.effects.some((e: any) => e.weight < 0);
        expect({ q: q.id, o: o.id, up, down }).toEqual({ q: q.id, o: o.id, up: true, down: true });
      }
    }
  });
});

describe('signals written by others', () => {
  test('every signal effect names a cause that exists', () => {
    const dir = path.join(root, 'signals');
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')) : [];
    for (const f of files) {
      for (const s of read(path.join('signals', f)).signals ?? []) {
        for (const e of s.effects ?? []) {
          expect({ file: f, signal: s.id, cause: e.cause, known: causeIds.has(e.cause) }).toEqual({ file: f, signal: s.id, cause: e.cause, known: true });
        }
      }
    }
  });
});
