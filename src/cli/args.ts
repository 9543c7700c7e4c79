/** Minimal flag parsing: `--flag`, `--key value`; unknown flags are usage errors. */
import { UsageError } from './io';

export function parseArgs(args: string[], spec: { flags?: string[]; options?: string[] }): { flags: Set<string>; options: Map<string, string>; positional: string[] } {
  const flags = new Set<string>();
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--') && a.length > 2) {
      const [name, inline] = a.slice(2).split('=', 2);
      if (spec.flags?.includes(name) && inline === undefined) flags.add(name);
      else if (spec.options?.includes(name)) {
        const value = inline ?? args[++i];
        if (value === undefined) throw new UsageError(`--${name} needs a value`);
        options.set(name, value);
      } else throw new UsageError(`unknown option '${a}'`);
    } else positional.push(a);
  }
  return { flags, options, positional };
}
