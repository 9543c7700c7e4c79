/** Machine hygiene and the tool's own noise: reported, but never as a cause. */
import { listOf } from '../make';
import { tables } from '../tables';
import { messageLines, Rule } from './rule';

export const disks: Rule = (r, emit) => {
  // SQLCHECK also flags a full CD-ROM as low on space: a tool quirk, not a finding.
  const low = r.disks.filter((d) => d.status === 'Low Disk Space' && d.type.toLowerCase() !== 'cdrom');
  if (low.length > 0) emit('LOW_DISK_SPACE', { drives: listOf(low.map((d) => `${d.drive} ${d.percentFree ?? '?'}% free`)) }, low.map((d) => d.raw));
};

export const reboot: Rule = (r, emit) => {
  const lines = messageLines(r, 'Reboot is recommended');
  if (r.computer.rebootRecommended === true || lines.length > 0) emit('REBOOT_PENDING', {}, ['Reboot Recommended: True', ...lines]);
};

export const toolNoise: Rule = (r, emit) => {
  const loop = r.messages.filter((m) => m.text.startsWith('NTLM callbacks should fail') || m.text.startsWith('NTLM callbacks will only'));
  if (loop.length > 0) emit('NTLM_LOOPBACK_WARNING', {}, loop.map((m) => m.raw));
  const deleg = r.messages.filter((m) => m.text.includes('must be trusted for delegation'));
  if (deleg.length > 0) emit('DELEGATION_GENERIC_WARNING', { count: `${deleg.length} line${deleg.length > 1 ? 's' : ''}` }, deleg.map((m) => m.raw));
  const nic = r.messages.filter((m) => m.text.includes('Network driver may be out of date'));
  if (nic.length > 0) {
    const names = nic.map((m) => r.nics.find((n) => n.block === m.block)?.name ?? 'a network adapter');
    emit('NIC_DRIVER_OLD', { nics: listOf(names) }, nic.map((m) => m.raw));
  }
};

/** Messages no rule reads and the tables do not list as noise are passed on as they are. */
export const otherMessages: Rule = (r, emit) => {
  const known = tables().knownMessages;
  const other = r.messages.filter((m) => (m.severity === 'Warning' || m.severity === 'Critical' || m.severity === 'Exception') && !known.some((k) => m.text.includes(k.contains)));
  if (other.length === 0) return;
  const critical = other.some((m) => m.severity !== 'Warning');
  emit('TOOL_MESSAGE', { messages: listOf(other.map((m) => m.text), 3) }, other.map((m) => m.raw), critical ? 'critical' : undefined);
};
