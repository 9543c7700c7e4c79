/**
 * The names an anonymous bot answers to. A browser sends the name it used in the Host header, so
 * a page whose DNS name was rebound to 127.0.0.1 is told apart from the user's own tab: loopback
 * names always, the HOST setting, and when HOST is a wildcard (exposed on purpose) this machine's
 * name and interface addresses.
 */
import os from 'node:os';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];
const WILDCARDS = new Set(['0.0.0.0', '::', '']);

export function allowedHostNames(env: Record<string, string | undefined>): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  const host = (env.HOST ?? '').trim().toLowerCase();
  if (!WILDCARDS.has(host)) names.add(host.replace(/^\[|\]$/g, ''));
  else if (host !== '') {
    names.add(os.hostname().toLowerCase());
    for (const list of Object.values(os.networkInterfaces())) for (const i of list ?? []) names.add(i.address.toLowerCase().replace(/%.*$/, ''));
  }
  return names;
}

/** The host part of a Host header ("[::1]:3978" -> "::1", "LocalHost.:3978" -> "localhost"). */
function hostOf(header: string): string {
  const h = header.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(h);
  const name = bracketed ? bracketed[1] : h.replace(/:\d+$/, '');
  return name.replace(/\.$/, '');
}

export function hostHeaderAllowed(header: string | undefined, names: Set<string>): boolean {
  if (!header) return false;
  return names.has(hostOf(header));
}
