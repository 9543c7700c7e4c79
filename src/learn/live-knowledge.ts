/**
 * The knowledge a running bot ranks with: the knowledge base with this deployment's local priors,
 * read from the store at start and again every LEARNING.refreshMs in the background, never on a
 * turn's path. With learning off it is the knowledge base itself.
 */
import type { Knowledge } from '../kb/compiled';
import type { CaseStore } from '../store/types';
import { learnFromCases, type LearnOptions } from './apply';
import { LEARNING } from './settings';

export class LiveKnowledge {
  private kb: Knowledge;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    readonly base: Knowledge,
    private readonly cases: Pick<CaseStore, 'list'>,
    private readonly opts: LearnOptions & { refreshMs?: number; log?: (line: string) => void } = {},
  ) {
    this.kb = base;
  }

  get enabled(): boolean {
    return this.opts.enabled !== false;
  }

  /** The knowledge to rank with now. */
  current(): Knowledge {
    return this.kb;
  }

  /** Reads the closed cases again; a failed read keeps the priors it had and says so in the log. */
  refresh(): Promise<void> {
    if (!this.enabled) return Promise.resolve();
    this.running ??= (async () => {
      try {
        const resolved = await this.cases.list({ status: 'resolved', limit: this.opts.window ?? LEARNING.window });
        this.kb = learnFromCases(resolved, this.base, this.opts);
      } catch (err) {
        this.opts.log?.(`learning: could not read closed cases, keeping the previous priors (${(err as Error).message})`);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** First read now, then in the background on a timer that never keeps the process alive. */
  async start(): Promise<void> {
    await this.refresh();
    if (!this.enabled) return;
    this.timer = setInterval(() => void this.refresh(), this.opts.refreshMs ?? LEARNING.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
