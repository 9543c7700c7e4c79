/** Remove secret values from any text before it leaves the probe (results, errors, audit). */
export function scrub(text: string, secrets: (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 1) out = out.split(s).join('[redacted]');
  }
  return out;
}
