/**
 * The incremental serialiser must write exactly what a full JSON.stringify of the data would:
 * random sequences of state writes, deletes, case puts and audit entries, checked against the file.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { openStore } from '../../src/store';
import type { Case } from '../../src/triage/types';

const key = fc.constantFrom('a', 'b', 'conv/1', '__proto__', 'toString', 'ü/ключ', '"quoted"');
const value = fc.dictionary(fc.constantFrom('n', 's', 'list', 'nested'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
const op = fc.oneof(
  fc.record({ kind: fc.constant('write' as const), key, value }),
  fc.record({ kind: fc.constant('delete' as const), key }),
  fc.record({ kind: fc.constant('put' as const), key, status: fc.constantFrom<Case['status']>('open', 'resolved') }),
  fc.record({ kind: fc.constant('audit' as const), value }),
  fc.record({ kind: fc.constant('reopen' as const) }),
);

it('writes the same data a full serialisation would, for any sequence of changes', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops) => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'sqltriage-snap-'));
      let store = await openStore({ dir });
      const state = new Map<string, unknown>();
      const cases = new Map<string, Case['status']>();
      const audit: unknown[] = [];
      try {
        for (const o of ops) {
          if (o.kind === 'write') {
            await store.storage.write({ [o.key]: { ...o.value } });
            state.set(o.key, JSON.parse(JSON.stringify(o.value)));
          } else if (o.kind === 'delete') {
            await store.storage.delete([o.key]);
            state.delete(o.key);
          } else if (o.kind === 'put') {
            await store.cases.put({ id: o.key, createdAt: 't', updatedAt: 't', status: o.status, evidence: [], history: [] });
            cases.set(o.key, o.status);
          } else if (o.kind === 'audit') {
            await store.audit.append({ ...o.value });
            audit.push(o.value);
          } else {
            await store.close();
            store = await openStore({ dir });
          }
        }
        await store.close();
        // No file at all is right only when nothing was ever changed.
        const empty = '{"state":{},"cases":{},"audit":[]}';
        const onDisk = JSON.parse(await readFile(path.join(dir, 'sqltriage.json'), 'utf8').catch(() => empty));
        const diskState = new Map(Object.entries(onDisk.state as Record<string, { value: unknown }>).map(([k, v]) => [k, v.value]));
        expect(diskState).toEqual(state);
        expect(new Map(Object.entries(onDisk.cases as Record<string, Case>).map(([k, c]) => [k, c.status]))).toEqual(cases);
        expect((onDisk.audit as Record<string, unknown>[]).map(({ at: _at, ...rest }) => rest)).toEqual(
          audit.map((a) => JSON.parse(JSON.stringify(a, (k, v) => (k === 'at' ? undefined : v)))),
        );
        return true;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: 60 },
  );
});
