/** SPNs and service accounts: what Kerberos needs to work for the instances on this machine. */
import type { SqlcheckReport } from '../../../parse/sqlcheck/types';
import { listeningPorts, who } from '../context';
import { listOf } from '../make';
import { messageLines, Rule } from './rule';

const bare = (account: string | undefined) => (account ?? '').split('\\').pop()!.toLowerCase();

/** MSSQLSvc/host:port → port, when the part after the colon is a number. */
function spnPort(spn: string): number | undefined {
  const m = /^mssqlsvc\/[^:]{1,255}:(\d{1,5})$/i.exec(spn);
  return m ? Number(m[1]) : undefined;
}

function spnAccounts(r: SqlcheckReport): Set<string> {
  return new Set(r.instances.map((i) => bare(i.spnAccount)).filter(Boolean));
}

export const spnChecks: Rule = (r, emit) => {
  const ports = new Set(r.instances.flatMap(listeningPorts));
  const accounts = spnAccounts(r);
  const stale = r.spns.filter((s) => {
    const port = spnPort(s.spn);
    return port !== undefined && accounts.has(bare(s.account)) && !ports.has(port);
  });
  const currentMissing = r.instances.some((i) => i.suggestedSpns.some((s) => s.exists === false && spnPort(s.spn) !== undefined && i.dynamicPorts.includes(spnPort(s.spn)!)));
  if (stale.length > 0 && r.instances.length > 0) {
    emit('SPN_STALE_PORT', { spns: listOf(stale.map((s) => `${s.spn} on ${s.account}`)) }, stale.map((s) => s.raw), currentMissing ? 'currentMissing' : undefined);
  }
  for (const i of r.instances) {
    const missing = i.suggestedSpns.filter((s) => s.status.startsWith('SPN does not exist'));
    const dynamicMissing = missing.filter((s) => i.dynamicPorts.includes(spnPort(s.spn) ?? -1));
    const warned = messageLines(r, 'You should not use SPNs with dynamic ports').length > 0;
    if (i.dynamicPorts.length > 0 && (dynamicMissing.length > 0 || warned)) {
      const lines = [...dynamicMissing.map((s) => s.raw), ...r.messages.filter((m) => m.block === i.block && m.text.includes('dynamic ports')).map((m) => m.raw)];
      emit('SPN_DYNAMIC_PORT', { instance: i.name, spns: listOf(dynamicMissing.map((s) => s.spn)) || 'none' }, lines);
    }
    if (missing.length > 0) {
      const anyOkay = i.suggestedSpns.some((s) => s.status === 'Okay');
      emit('SPN_MISSING', { instance: i.name, spns: listOf(missing.map((s) => s.spn)) }, missing.map((s) => s.raw), anyOkay ? undefined : 'noneExist');
    }
    for (const s of i.suggestedSpns.filter((x) => x.status.startsWith('SPN is on the wrong account'))) {
      emit('SPN_WRONG_ACCOUNT', { spn: s.spn }, [s.raw]);
    }
  }
  const dup = r.spns.filter((s) => s.hasDuplicates === true);
  const dupLines = messageLines(r, 'Duplicate SPN');
  for (const spn of new Set(dup.map((s) => s.spn))) emit('SPN_DUPLICATE', { spn }, [...dup.filter((s) => s.spn === spn).map((s) => s.raw), ...dupLines.filter((l) => l.includes(spn))]);
  if (dup.length === 0 && dupLines.length > 0) emit('SPN_DUPLICATE', { spn: /Duplicate SPN (\S{1,300})/.exec(dupLines[0])?.[1] }, dupLines);
};

export const accountChecks: Rule = (r, emit) => {
  const noSpn = r.messages.filter((m) => m.text.includes('There are no Service Principle Names associated with'));
  if (noSpn.length > 0) {
    const names = noSpn.map((m) => m.text.split('associated with').pop()!.trim().replace(/\.$/, ''));
    emit('ACCOUNT_NO_SPN', { accounts: listOf(names) }, noSpn.map((m) => m.raw));
  }
  const rc4Lines = messageLines(r, 'RC4 encryption for Kerberos has been disabled');
  const local = r.security.kerberosLocalEncryption;
  const rc4Off = rc4Lines.length > 0 || (local !== undefined && local !== '' && !local.includes('RC4'));
  if (rc4Off) emit('KERBEROS_RC4_DISABLED_LOCALLY', { computer: who(r) }, [...rc4Lines, r.security.evidence['Kerberos local Encryption']?.raw ?? ''].filter(Boolean));
  const spnAccts = spnAccounts(r);
  for (const a of r.accounts) {
    const rc4Only = a.kerberosEncryption.length === 1 && a.kerberosEncryption[0] === 'RC4_HMAC_MD5';
    if (rc4Only && spnAccts.has(a.account.toLowerCase())) emit('ACCOUNT_RC4_ONLY', { account: a.account }, [a.raw], rc4Off ? 'rc4Disabled' : undefined);
  }
};
