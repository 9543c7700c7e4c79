/**
 * Artifact recognition: whatever a paste or attached file is, each artifact it holds (several may
 * follow each other, and an error message may come before or after them) is read into facts.
 * Pure and never throwing; the text is redacted by the project's one redactor before any reader sees it
 * (once: text already marked redacted is read as it is).
 */
import { cutToLimit } from '../limits';
import { isRedacted, redactInput, type RedactedText } from '../redact';
import { readCertificates } from './certificates';
import { readCipherSuites } from './cipher-suites';
import { readErrorlog } from './errorlog';
import { readNetstat } from './netstat';
import { readNslookup } from './nslookup';
import { hasMarkup, plainLines } from './plain';
import { readPortCheck } from './port-check';
import { readSchannel } from './schannel';
import { readSetspn } from './setspn';
import { READER_SIGNS } from './data/reader-signs';
import type { Artifact, ArtifactKind, ReadResult } from './types';

export type * from './types';
export { ARTIFACT_KINDS } from './types';

const READERS: { kind: ArtifactKind; read: (lines: string[]) => ReadResult | undefined; errorText: boolean }[] = [
  // Server logs are error text too: their lines stay in what the error-text classifier reads.
  { kind: 'errorlog', read: readErrorlog, errorText: true },
  { kind: 'schannel', read: readSchannel, errorText: true },
  { kind: 'netstat', read: readNetstat, errorText: false },
  { kind: 'cipher-suites', read: readCipherSuites, errorText: false },
  { kind: 'setspn', read: readSetspn, errorText: false },
  { kind: 'port-check', read: readPortCheck, errorText: false },
  { kind: 'nslookup', read: readNslookup, errorText: false },
  { kind: 'certificates', read: readCertificates, errorText: false },
];

export interface ArtifactReading {
  artifacts: Artifact[];
  /** The paste without the lines artifacts (other than server logs) were read from: the error text, if any. */
  rest: string;
  /** Secrets the redactor removed. */
  redactions: number;
  /**
   * True when `rest` is the redacted text's own lines: the plain view removed no markup (tags,
   * entities, ANSI codes, fences, no-break spaces), so it cannot have uncovered a secret and `rest`
   * needs no second redaction.
   */
  restRedacted: boolean;
  truncated: boolean;
}

/** Read every artifact in `input`. Never throws: a reader that fails contributes nothing. */
export function readArtifacts(input: string | RedactedText): ArtifactReading {
  const already = isRedacted(input);
  const source = already ? input.text : typeof input === 'string' ? input : String(input ?? '');
  const { text: cut, truncated } = cutToLimit(source);
  let redacted = { text: cut, count: already ? input.count : 0 };
  if (!already) {
    try {
      redacted = redactInput(cut);
    } catch {
      return { artifacts: [], rest: '', redactions: 0, restRedacted: true, truncated };
    }
  }
  const lines = plainLines(redacted.text);
  const artifacts: Artifact[] = [];
  const taken = new Uint8Array(lines.length);
  // Lines joined as the readers see them, for the signature pre-check (a sign never spans two lines).
  const lower = lines.join('\n').toLowerCase();
  for (const reader of READERS) {
    const signs = READER_SIGNS[reader.kind];
    if (signs && !signs.some((sign) => lower.includes(sign))) continue;
    let result: ReadResult | undefined;
    try {
      result = reader.read(lines);
    } catch {
      result = undefined;
    }
    if (!result) continue;
    artifacts.push(result.artifact);
    // Server logs stay error text, but only their failure lines: startup chatter names SPNs, pipes and certificates.
    const keep = reader.errorText ? new Set(result.errorLines ?? result.lines) : new Set<number>();
    for (const i of result.lines) if (!keep.has(i)) taken[i] = 1;
  }
  const rest = artifacts.length === 0 ? redacted.text : lines.filter((_l, i) => !taken[i]).join('\n');
  return { artifacts, rest, redactions: redacted.count, restRedacted: !hasMarkup(redacted.text), truncated };
}

/** True when the text is nothing but artifacts (no error text left to classify). */
export function restIsEmpty(rest: string): boolean {
  return !/[A-Za-z]{3}/.test(rest);
}
