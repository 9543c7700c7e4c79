/** Which client library produced the paste, from the ordered rules in data/drivers.ts. */
import { DRIVER_RULES } from '../data/drivers';
import type { DriverFact } from '../types';

export function detectDriver(text: string): DriverFact | null {
  for (const rule of DRIVER_RULES) {
    const m = rule.pattern.exec(text);
    if (!m) continue;
    const fact: DriverFact = { id: rule.id, name: (rule.nameGroup !== undefined && m[rule.nameGroup]) || rule.name };
    const version = rule.versionGroup !== undefined ? m[rule.versionGroup] : undefined;
    if (version) fact.version = version;
    return fact;
  }
  return null;
}
