/** Runs every rule over one report and returns its findings, most severe first. */
import type { SqlcheckReport } from '../../parse/sqlcheck/types';
import { build } from './make';
import { certificates, forceEncryption, instanceCertificates } from './rules/certificates';
import { driversInstalled, driversInUse } from './rules/drivers';
import { disks, otherMessages, reboot, toolNoise } from './rules/hygiene';
import { browser, instancePorts, services } from './rules/instances';
import { accountChecks, spnChecks } from './rules/kerberos';
import { aliases, clientDriverSettings, ephemeralPorts, hostsFile, tcpSettings } from './rules/network';
import type { Emit, Rule } from './rules/rule';
import { clientProtocols, diffieHellman, policyUnknownSuites, serverProtocols, tls13Keys } from './rules/tls';
import { tables } from './tables';
import type { FindingSeverity, SqlcheckFinding } from './types';

const RULES: Rule[] = [
  clientProtocols, serverProtocols, tls13Keys, diffieHellman, policyUnknownSuites,
  driversInUse, driversInstalled,
  certificates, instanceCertificates, forceEncryption,
  aliases, hostsFile, clientDriverSettings, tcpSettings, ephemeralPorts,
  browser, instancePorts, services,
  spnChecks, accountChecks,
  disks, reboot, toolNoise, otherMessages,
];

export const SEVERITY_ORDER: FindingSeverity[] = ['high', 'medium', 'low', 'info'];

export function bySeverity(a: SqlcheckFinding, b: SqlcheckFinding): number {
  return SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity);
}

export function sqlcheckFindings(report: SqlcheckReport): SqlcheckFinding[] {
  const defs = tables().findings;
  const out: SqlcheckFinding[] = [];
  const emit: Emit = (id, vars, evidence, situation) => out.push(build(defs, id, vars, evidence, situation));
  for (const rule of RULES) {
    try {
      rule(report, emit);
    } catch {
      // A rule meeting facts it did not expect (a mangled paste) must not cost the other findings.
    }
  }
  return out.sort(bySeverity);
}
