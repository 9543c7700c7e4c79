/** Client drivers: which lack TLS 1.2, which are deprecated, and which of those applications load. */
import type { DriverFacts, ProcessFacts, SqlcheckReport } from '../../../parse/sqlcheck/types';
import { enabledProtocols } from '../context';
import { listOf } from '../make';
import { tables } from '../tables';
import type { Rule } from './rule';

interface Use {
  process: ProcessFacts;
  rows: DriverFacts[];
}

/** Driver rows each non-SQLCHECK process has loaded, through the DLL → driver table. */
function uses(r: SqlcheckReport): Use[] {
  const dlls = tables().driverDlls;
  const out: Use[] = [];
  for (const p of r.processes) {
    if (p.name.toLowerCase() === 'sqlcheck.exe') continue;
    const names = p.drivers.flatMap((d) => dlls[d] ?? []);
    const rows = r.drivers.filter((d) => names.includes(d.name));
    if (rows.length > 0) out.push({ process: p, rows });
  }
  return out;
}

const noTls12 = (d: DriverFacts) => d.tls12 === 'No';
const label = (p: ProcessFacts) => (p.pid !== undefined ? `${p.name} (PID ${p.pid})` : p.name);

export const driversInUse: Rule = (r, emit) => {
  for (const u of uses(r)) {
    const weak = u.rows.filter(noTls12);
    if (weak.length > 0) {
      emit('DRIVER_NO_TLS12_IN_USE', { process: label(u.process), driver: listOf(weak.map((d) => d.name)) }, [u.process.raw, ...weak.map((d) => d.raw)]);
    }
    const old = u.rows.filter((d) => d.supported === 'Deprecated');
    if (old.length > 0) {
      emit(
        'DRIVER_DEPRECATED_IN_USE',
        { process: label(u.process), driver: listOf(old.map((d) => d.name)) },
        [u.process.raw, ...old.map((d) => d.raw)],
        old.some(noTls12) ? undefined : 'tlsCapable',
      );
    }
  }
};

export const driversInstalled: Rule = (r, emit) => {
  const inUse = new Set(uses(r).flatMap((u) => u.rows.filter(noTls12).map((d) => d.name)));
  const rest = r.drivers.filter((d) => noTls12(d) && !inUse.has(d.name));
  if (rest.length === 0) return;
  const client = enabledProtocols(r, 'client');
  const fallbackStillThere = client !== undefined && client.includes('TLS 1.0') && client.includes('TLS 1.2');
  emit(
    'DRIVER_NO_TLS12_INSTALLED',
    { drivers: listOf(rest.map((d) => `${d.name} ${d.version}`)) },
    rest.map((d) => d.raw),
    fallbackStillThere ? 'legacyStillEnabled' : undefined,
  );
};
