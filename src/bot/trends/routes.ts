/**
 * The trends page beside the chat page: /trends (the page), /trends/data.json (counts from the
 * stored cases, src/learn/trends.ts), /trends/chart.js (Chart.js from node_modules, no CDN) and the
 * page's own script and style. Guarded by private-endpoints: SQLTRIAGE_TRENDS, SQLTRIAGE_TRENDS_TOKEN.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import type { Knowledge } from '../../kb/compiled';
import type { CaseStore } from '../../store/types';
import { trendsData, weekStart, type TrendsData } from '../../learn/trends';
import { accessAllowed, type EndpointAccess } from '../private-endpoints';
import { sendFile } from '../static-files';

export interface TrendsSource {
  cases: Pick<CaseStore, 'list'>;
  kb: () => Knowledge;
}

/** Counts are read again at most this often: a page reload should not reread years of cases. */
const DATA_TTL_MS = 30_000;
/** The weeks the page draws (trendsData's default); only cases changed since their start are read, not the whole archive. */
const WEEKS = 12;
const WEEK_MS = 7 * 86_400_000;
/** The page loads only its own files and data. */
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function mountTrends(server: Server, opts: { root: string; access: EndpointAccess; source: TrendsSource; log: (line: string) => void; now?: () => Date }): void {
  const dir = path.join(opts.root, 'src', 'bot', 'web', 'trends');
  const chartDir = path.join(opts.root, 'node_modules', 'chart.js', 'dist');
  let cached: { at: number; data: TrendsData } | undefined;
  if (opts.access.kind !== 'off' && !existsSync(path.join(chartDir, 'chart.umd.js'))) {
    opts.log('trends: node_modules/chart.js is missing (run npm ci): the trends page cannot draw its charts');
  }

  const guard = (req: Request, res: Response): boolean => {
    if (accessAllowed(opts.access, req)) return true;
    // Off: as if there were no such page. Token missing or wrong: say what is needed, not what it is.
    res.status(opts.access.kind === 'off' ? 404 : 401);
    res.json({ error: opts.access.kind === 'off' ? 'not found' : 'this page needs the trends token (Authorization: Bearer TOKEN, or ?token=TOKEN)' });
    return false;
  };
  // The page and its data need the token; its script, style and Chart.js carry no data and are
  // requested without it, so they are refused only when the page is off.
  const page = (file: string, dirOf: string, asset = false) => async (req: Request, res: Response) => {
    if (asset ? opts.access.kind === 'off' && !guard(req, res) : !guard(req, res)) return;
    res.setHeader('content-security-policy', CSP);
    await sendFile(res, path.join(dirOf, file), dirOf);
  };

  server.get('/trends', page('index.html', dir));
  server.get('/trends/trends.js', page('trends.js', dir, true));
  server.get('/trends/trends.css', page('trends.css', dir, true));
  server.get('/trends/chart.js', page('chart.umd.js', chartDir, true));
  server.get('/trends/data.json', async (req: Request, res: Response) => {
    if (!guard(req, res)) return;
    const now = opts.now?.() ?? new Date();
    try {
      if (!cached || now.getTime() - cached.at > DATA_TTL_MS || now.getTime() < cached.at) {
        const since = new Date(weekStart(now.getTime()) - (WEEKS - 1) * WEEK_MS).toISOString();
        cached = { at: now.getTime(), data: trendsData(await opts.source.cases.list({ since }), opts.source.kb(), { now, weeks: WEEKS }) };
      }
      res.setHeader('cache-control', 'no-store');
      res.json(cached.data);
    } catch (err) {
      opts.log(`trends: could not read the cases (${(err as Error).message})`);
      res.status(503);
      res.json({ error: 'the cases could not be read just now; try again' });
    }
  });
}
