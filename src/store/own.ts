/**
 * Own-property access for maps keyed by outside input (conversation ids, case ids): a key such as
 * "__proto__" must be stored as data, never change an object's prototype. Also the one check that
 * a parsed value is such a map.
 */
/** A JSON object (not an array, not null). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function getOwn<T>(map: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

export function setOwn<T>(map: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
}

export function deleteOwn<T>(map: Record<string, T>, key: string): boolean {
  if (!Object.prototype.hasOwnProperty.call(map, key)) return false;
  delete map[key];
  return true;
}
