/** What was read from a paste, in a user's words: error numbers, provider, phase, driver, target. */
import type { Facts } from '../parse/types';

export function factsParts(f: Facts): string[] {
  const parts: string[] = [];
  if (f.sqlErrors.length) parts.push(`SQL error ${f.sqlErrors.join(', ')}${f.states.length ? ` (state ${f.states.join(', ')})` : ''}`);
  if (f.sniErrors.length) parts.push(`provider error ${f.sniErrors.join(', ')}`);
  if (f.win32Errors.length) parts.push(`OS error ${f.win32Errors.join(', ')}`);
  if (f.hresults.length) parts.push(`HRESULT ${f.hresults.join(', ')}`);
  if (f.codes.length) parts.push(`code ${f.codes.join(', ')}`);
  if (f.providers.length) parts.push(`provider ${f.providers.join(', ')}`);
  if (f.phase) parts.push(`phase ${f.phase}`);
  if (f.driver) parts.push(`driver ${f.driver.name}${f.driver.version ? ` ${f.driver.version}` : ''}`);
  const target = [f.server, f.instance && `instance ${f.instance}`, f.port && `port ${f.port}`].filter(Boolean).join(', ');
  if (target) parts.push(`server ${target}`);
  return parts;
}

export function factsLine(f: Facts): string {
  return factsParts(f).join(' · ');
}
