/** Reaching an instance: Browser, ports, TCP enabled, services running. */
import { isDefaultInstance, listeningPorts } from '../context';
import { listOf } from '../make';
import { tables } from '../tables';
import { messageLines, Rule } from './rule';

export const browser: Rule = (r, emit) => {
  const svc = r.services.find((s) => s.name.toLowerCase() === tables().browserService.toLowerCase());
  if (!svc || svc.started !== false || r.instances.length === 0) return;
  const state = svc.startMode === 'Disabled' ? 'disabled' : 'stopped';
  const lines = [svc.raw, ...messageLines(r, 'SQL Server Browser')];
  const named = r.instances.filter((i) => !isDefaultInstance(i) && i.tcpEnabled !== false && i.hidden !== true);
  for (const i of named) {
    const staticPort = i.tcpPorts.length > 0;
    const ports = staticPort ? `static port ${listOf(i.tcpPorts)}` : i.dynamicPorts.length > 0 ? `dynamic port ${listOf(i.dynamicPorts)}` : 'no known port';
    const portLines = [i.evidence['TCP Port(s)']?.raw, i.evidence['Dynamic TCP Port(s)']?.raw].filter((x): x is string => !!x);
    emit('BROWSER_NOT_RUNNING_NAMED_INSTANCE', { state, instance: i.name, ports }, [...lines, ...portLines], staticPort ? 'staticPort' : undefined);
  }
  if (named.length === 0 && r.instances.every((i) => isDefaultInstance(i) && i.tcpPorts.includes(1433))) {
    emit('BROWSER_DISABLED_DEFAULT_INSTANCE', { state }, lines);
  }
};

export const instancePorts: Rule = (r, emit) => {
  for (const i of r.instances) {
    const ev = (label: string) => i.evidence[label]?.raw;
    if (i.tcpEnabled === false) {
      emit('INSTANCE_TCP_DISABLED', { instance: i.name }, [ev('TCP Enabled') ?? 'TCP Enabled: False']);
      continue;
    }
    if (i.dynamicPorts.length > 0) {
      const lines = [ev('TCP Port(s)'), ev('Dynamic TCP Port(s)')].filter((x): x is string => !!x);
      emit('INSTANCE_DYNAMIC_PORT', { instance: i.name, ports: listOf(i.dynamicPorts) }, lines, i.tcpPorts.length > 0 ? 'alsoStatic' : undefined);
    }
    if (i.listenOnAllIps === false) emit('INSTANCE_NOT_LISTENING_ALL_IPS', { instance: i.name }, [ev('Listen on all IPs') ?? '']);
  }
};

export const services: Rule = (r, emit) => {
  const engines = tables().engineServices.map((s) => s.toUpperCase());
  for (const s of r.services) {
    if (s.started !== false) continue;
    const isEngine = engines.includes(s.name.toUpperCase());
    const name = s.instance ? `${s.name}$${s.instance}` : s.name;
    if (isEngine) emit('SQL_SERVICE_NOT_RUNNING', { service: name }, [s.raw]);
    else if (s.startMode === 'Auto') emit('SERVICE_AUTO_NOT_RUNNING', { service: s.description || name }, [s.raw, ...messageLines(r, `${s.description} is set to automatically start`)]);
  }
};
