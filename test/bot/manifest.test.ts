import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { buildTeamsPackage, ManifestError, validateManifest } from '../../src/bot/teams/manifest';
import { colourIcon, outlineIcon } from '../../src/bot/teams/icons';
import { writeZip } from '../../src/bot/teams/zip';

const APP_ID = '5f0c1d2e-3a4b-4c5d-8e6f-708192a3b4c5';
const root = path.resolve(__dirname, '../..');
let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'sqltriage-manifest-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

/** Decodes the PNGs our encoder writes (RGBA, filter 0 on every row). */
function decodePng(data: Buffer): { width: number; height: number; rgba: Buffer } {
  let i = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (i < data.length) {
    const len = data.readUInt32BE(i);
    const type = data.toString('ascii', i + 4, i + 8);
    const body = data.subarray(i + 8, i + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([body[8], body[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') idat.push(body);
    i += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, rgba };
}

describe('the Teams app package', () => {
  it('is a zip that unzip and Python both read, holding the filled manifest and both icons', () => {
    const built = buildTeamsPackage({ MicrosoftAppId: APP_ID, SQLTRIAGE_TEAMS_WEBSITE_URL: 'https://ops.example.org/sqltriage' }, root);
    const zip = path.join(tmp, 'sqltriage-teams.zip');
    writeFileSync(zip, built.zip);

    const listing = execFileSync('unzip', ['-l', zip], { encoding: 'utf8' });
    for (const name of ['manifest.json', 'color.png', 'outline.png']) expect(listing).toContain(name);
    execFileSync('python3', ['-m', 'zipfile', '-t', zip]); // checks every CRC
    execFileSync('python3', ['-m', 'zipfile', '-e', zip, path.join(tmp, 'out')]);

    const manifest = JSON.parse(readFileSync(path.join(tmp, 'out', 'manifest.json'), 'utf8'));
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.manifestVersion).toBe('1.19');
    expect(manifest.developer.websiteUrl).toBe('https://ops.example.org/sqltriage');
    expect(manifest.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(manifest.bots[0].commandLists[0].commands.map((c: { title: string }) => c.title)).toEqual(['help', 'start over', 'probe', 'escalate']);
    expect(JSON.stringify(manifest)).not.toContain('{{');
    expect(readFileSync(path.join(tmp, 'out', 'color.png'))).toEqual(readFileSync(path.join(root, 'manifest', 'color.png')));
    expect(built.warnings).toEqual([expect.stringContaining('SQLTRIAGE_TEAMS_PRIVACY_URL'), expect.stringContaining('SQLTRIAGE_TEAMS_TERMS_URL')]);
  });

  it.each([
    [{}, /MicrosoftAppId is not set/],
    [{ MicrosoftAppId: '  ' }, /MicrosoftAppId is not set/],
    [{ MicrosoftAppId: 'my-bot' }, /not a GUID/],
    [{ MicrosoftAppId: APP_ID, SQLTRIAGE_TEAMS_WEBSITE_URL: 'http://insecure.example' }, /websiteUrl must match pattern/],
  ])('refuses %j with a clear message', (env, message) => {
    expect(() => buildTeamsPackage(env, root)).toThrow(ManifestError);
    expect(() => buildTeamsPackage(env, root)).toThrow(message);
  });

  it('schema check catches what Teams would reject', () => {
    const good = buildTeamsPackage({ MicrosoftAppId: APP_ID }, root).manifest as Record<string, any>;
    expect(validateManifest(good, root)).toEqual([]);
    const clone = () => JSON.parse(JSON.stringify(good));

    const longTitle = clone();
    longTitle.bots[0].commandLists[0].commands[0].title = 'x'.repeat(33);
    expect(validateManifest(longTitle, root).join()).toMatch(/commands\/0\/title must NOT have more than 32/);

    const badScope = clone();
    badScope.bots[0].scopes = ['personal', 'channel'];
    expect(validateManifest(badScope, root).join()).toMatch(/scopes\/1/);

    const typo = clone();
    typo.accentColour = '#000000';
    expect(validateManifest(typo, root).join()).toMatch(/accentColour/);

    const shortDescription = clone();
    shortDescription.description.short = 'y'.repeat(81);
    expect(validateManifest(shortDescription, root).join()).toMatch(/description\/short/);
  });

  it('ships icons that match the drawing code, at the sizes Teams needs', () => {
    expect(readFileSync(path.join(root, 'manifest', 'color.png'))).toEqual(colourIcon());
    expect(readFileSync(path.join(root, 'manifest', 'outline.png'))).toEqual(outlineIcon());

    const colour = decodePng(colourIcon());
    expect([colour.width, colour.height]).toEqual([192, 192]);
    let seeThrough = 0;
    for (let i = 3; i < colour.rgba.length; i += 4) if (colour.rgba[i] !== 255) seeThrough++;
    expect(seeThrough).toBe(0);

    const outline = decodePng(outlineIcon());
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let opaque = 0;
    let notWhite = 0;
    for (let i = 0; i < outline.rgba.length; i += 4) {
      if (outline.rgba[i] !== 255 || outline.rgba[i + 1] !== 255 || outline.rgba[i + 2] !== 255) notWhite++;
      if (outline.rgba[i + 3] === 255) opaque++;
    }
    expect(notWhite).toBe(0);
    expect(opaque).toBeGreaterThan(50);
    expect(outline.rgba[3]).toBe(0); // the corner is transparent
    expect(outline.rgba[(16 * 32 + 16) * 4 + 3]).toBe(0); // so is the middle of the cylinder
  });

  it('writes zips with UTF-8 names and empty files that Python extracts byte for byte', () => {
    const entries = [
      { name: 'empty.txt', data: Buffer.alloc(0) },
      { name: 'résumé/ü.json', data: Buffer.from('{"ok":true}') },
      { name: 'big.bin', data: Buffer.from(Array.from({ length: 100000 }, (_, i) => (i * 7919) % 251)) },
    ];
    const zip = path.join(tmp, 'x.zip');
    writeFileSync(zip, writeZip(entries));
    execFileSync('python3', ['-m', 'zipfile', '-e', zip, path.join(tmp, 'x')]);
    for (const e of entries) expect(readFileSync(path.join(tmp, 'x', e.name))).toEqual(e.data);
  });
});
