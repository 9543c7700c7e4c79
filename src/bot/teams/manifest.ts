/**
 * `npm run manifest`: fills the app id (and version, developer links) into manifest/manifest.json,
 * validates the result against our schema subset (manifest/schema/), checks the icons, and writes
 * dist/manifest/sqltriage-teams.zip to upload to Teams. `--icons` redraws manifest/*.png.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { loadEnvFile } from '../env-file';
import { findRepoRoot } from '../repo-root';
import { colourIcon, outlineIcon } from './icons';
import { writeZip, type ZipEntry } from './zip';

export class ManifestError extends Error {}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const PLACEHOLDER = /\{\{(\w+)\}\}/g;
const ICONS = { 'color.png': 192, 'outline.png': 32 } as const;

export interface TeamsPackage {
  manifest: Record<string, unknown>;
  zip: Buffer;
  warnings: string[];
}

function fill(value: unknown, values: Record<string, string>, missing: Set<string>): unknown {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, (whole, key: string) => {
      if (values[key] === undefined) missing.add(key);
      return values[key] ?? whole;
    });
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, values, missing));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, values, missing)]));
  }
  return value;
}

export function validateManifest(manifest: unknown, root = findRepoRoot()): string[] {
  const schema = JSON.parse(readFileSync(path.join(root, 'manifest', 'schema', 'teams-manifest-subset.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}

/** Width and height from a PNG's IHDR, or a reason it is not a PNG. */
export function pngSize(data: Buffer): { width: number; height: number } | string {
  if (data.length < 24 || data.readUInt32BE(0) !== 0x89504e47 || data.toString('ascii', 12, 16) !== 'IHDR') return 'not a PNG file';
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

export function buildTeamsPackage(env: Record<string, string | undefined>, root = findRepoRoot()): TeamsPackage {
  const appId = env.MicrosoftAppId?.trim();
  if (!appId) throw new ManifestError('MicrosoftAppId is not set: put the bot\'s Microsoft app id (a GUID) in the environment or .env');
  if (!GUID.test(appId)) throw new ManifestError(`MicrosoftAppId '${appId}' is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`);
  const warnings: string[] = [];
  const url = (key: string, fallback: string) => {
    const v = env[key]?.trim();
    if (!v) warnings.push(`${key} not set: using ${fallback}`);
    return v || fallback;
  };
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const values: Record<string, string> = {
    MicrosoftAppId: appId,
    version: pkg.version,
    developerName: env.SQLTRIAGE_TEAMS_DEVELOPER_NAME?.trim() || 'sqltriage',
    websiteUrl: url('SQLTRIAGE_TEAMS_WEBSITE_URL', 'https://example.com/sqltriage'),
    privacyUrl: url('SQLTRIAGE_TEAMS_PRIVACY_URL', 'https://example.com/sqltriage/privacy'),
    termsOfUseUrl: url('SQLTRIAGE_TEAMS_TERMS_URL', 'https://example.com/sqltriage/terms'),
  };
  const template = JSON.parse(readFileSync(path.join(root, 'manifest', 'manifest.json'), 'utf8')) as unknown;
  const missing = new Set<string>();
  const manifest = fill(template, values, missing) as Record<string, unknown>;
  if (missing.size > 0) throw new ManifestError(`manifest/manifest.json uses unknown placeholders: ${[...missing].join(', ')}`);
  const problems = validateManifest(manifest, root);
  if (problems.length > 0) throw new ManifestError(`the manifest does not match the schema:\n  ${problems.join('\n  ')}`);

  const entries: ZipEntry[] = [{ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2) + '\n') }];
  for (const [name, side] of Object.entries(ICONS)) {
    const data = readFileSync(path.join(root, 'manifest', name));
    const size = pngSize(data);
    if (typeof size === 'string') throw new ManifestError(`manifest/${name}: ${size}`);
    if (size.width !== side || size.height !== side) throw new ManifestError(`manifest/${name} is ${size.width}x${size.height}, Teams needs ${side}x${side}`);
    entries.push({ name, data });
  }
  return { manifest, zip: writeZip(entries), warnings };
}

function main(argv: string[]): number {
  const root = findRepoRoot();
  if (argv.includes('--icons')) {
    writeFileSync(path.join(root, 'manifest', 'color.png'), colourIcon());
    writeFileSync(path.join(root, 'manifest', 'outline.png'), outlineIcon());
    process.stdout.write('wrote manifest/color.png (192x192) and manifest/outline.png (32x32)\n');
    return 0;
  }
  const env = loadEnvFile(path.join(process.cwd(), '.env'), process.env);
  try {
    const built = buildTeamsPackage(env, root);
    for (const w of built.warnings) process.stderr.write(`warning: ${w}\n`);
    const out = path.join(root, 'dist', 'manifest', 'sqltriage-teams.zip');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, built.zip);
    process.stdout.write(`wrote ${path.relative(process.cwd(), out)} (${built.zip.length} bytes) for app ${String(built.manifest.id)}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof ManifestError)) throw err;
    process.stderr.write(`manifest: ${err.message}\n`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
