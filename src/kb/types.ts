/**
 * The knowledge base as the code sees it. The YAML files in knowledge/ are validated against
 * src/kb/schema.ts at build time and compiled into one JSON file (dist/knowledge.json).
 */

export const FAMILY_IDS = [
  'tls-handshake-failure',
  'certificate-untrusted',
  'connection-refused',
  'server-not-found',
  'connection-timeout',
  'connection-dropped',
  'resource-exhaustion',
  'login-failed',
  'sspi-kerberos',
  'database-unavailable',
  'not-connectivity',
] as const;
export type FamilyId = (typeof FAMILY_IDS)[number];

/** Connection phases the parser reports and knowledge matches on. */
export const PHASES = ['pre-login', 'tls', 'login', 'established'] as const;

/** Short provider ids: TCP Provider, SSL Provider, Named Pipes Provider, SQL Network Interfaces, Shared Memory
 *  Provider, SSPI Provider (integrated authentication), Session Provider (an established connection's session layer). */
export const PROVIDER_IDS = ['tcp', 'ssl', 'np', 'sni', 'sm', 'sspi', 'session'] as const;

/** How the login named in the paste authenticates: DOMAIN\\name is Windows, user@domain with Entra wording is Entra,
 *  another name a failed login (18456) names is a SQL login. */
export const USER_KINDS = ['windows', 'sql', 'entra'] as const;
export type UserKind = (typeof USER_KINDS)[number];

/** Parts of the connection the paste can name (`has` in a Match). `port` means a port written into the
 *  server name (host,port / host:port), not one a driver prints by default. */
export const NAMED_PARTS = ['instance', 'port', 'server', 'user', 'database'] as const;
export type NamedPart = (typeof NAMED_PARTS)[number];

/**
 * A condition over a case. Every key present must hold (AND); within a key, any listed value
 * may match (OR). An empty condition never matches.
 */
export interface Match {
  sqlError?: number[];
  state?: number[];
  sni?: number[];
  win32?: number[];
  hresult?: string[];
  provider?: string[];
  phase?: string[];
  code?: string[];
  driver?: string[];
  exception?: string[];
  /** Lower-case phrases; any one occurring in the normalised paste text matches. */
  phrase?: string[];
  /** Negation: the condition holds only when none of these phrases occur. */
  notPhrase?: string[];
  /** The kind of login the paste names. */
  userKind?: UserKind[];
  /** The case holds one of these signals (an artifact's, a probe's, a SQLCHECK finding): for `answeredBy`, where
   *  what a pasted ERRORLOG or netstat shows answers a question. Paste-only matching (families, causes) never has signals. */
  signal?: string[];
  /** The paste names this part of the connection (any one listed). */
  has?: NamedPart[];
  /** Holds when any one of these conditions holds (for facts with several tell-tale forms: an Azure
   *  host name or an Azure-only error number). The conditions inside have no `anyOf` of their own. */
  anyOf?: Match[];
}

export interface Weighted {
  match: Match;
  /** Log-odds contribution: positive raises, negative lowers. Typical range -4..+4. */
  weight: number;
  /** Why this evidence points this way (shown in the escalation summary). */
  why?: string;
}

export interface Source {
  id: string;
  title: string;
  url: string;
  /** 'seed' for the four articles in shared/seeds, 'docs' for public Microsoft documentation. */
  kind: 'seed' | 'docs';
}

export interface SourceRef {
  source: string; // Source.id
  section?: string;
}

export interface Family {
  id: FamilyId;
  title: string;
  summary: string;
  /** Deterministic signatures: evidence for this family from facts and phrases. */
  signatures: Weighted[];
  /** Example error texts (our own composition of real message formats) used to train the text classifier. */
  examples: string[];
  /** True when live probes (TCP, Browser, pre-login, TLS) can tell this family's causes apart. */
  probeable?: boolean;
}

export interface Cause {
  id: string;
  family: FamilyId;
  title: string;
  summary: string;
  /** Base rate among failures of its family, 0..1 (relative; normalised per family). */
  prior: number;
  checks: string[];
  /** Plain text, or an object when the fix weakens security or availability (see RiskyFix). */
  fixes: FixEntry[];
  /** Ids from knowledge/collect.yaml: what to gather when the cause is not confirmed. */
  collect: string[];
  evidence: Weighted[];
  source: SourceRef;
}

/** Every question has this option ("Not sure / skip"): it answers the question and moves no cause. */
export const UNSURE_OPTION = 'unsure';

/** What a risky fix switches off. */
export const WEAKENS = ['security', 'availability'] as const;
export type Weakens = (typeof WEAKENS)[number];

/**
 * A fix that weakens security or availability. Every rendering shows `risk` (and that it is a
 * stop-gap when `temporary`) beside the text, so nobody applies it without knowing the cost.
 */
export interface RiskyFix {
  text: string;
  weakens: Weakens;
  /** In our words: what the fix switches off and who can then do what. */
  risk: string;
  /** True for a stop-gap to undo once the real fix is in. */
  temporary: boolean;
}

/** A fix as written in knowledge/causes/*.yaml. */
export type FixEntry = string | RiskyFix;

/** A fix as the engine and the renderers carry it: the risk fields only when the fix is risky. */
export interface Fix {
  text: string;
  weakens?: Weakens;
  risk?: string;
  temporary?: boolean;
}

/** One entry of knowledge/risky-advice.yaml: lower-case phrases that mark advice as risky. */
export interface RiskyAdvicePattern {
  id: string;
  weakens: Weakens;
  /** Why advice with these phrases is risky (shown in the build error). */
  why: string;
  phrases: string[];
}

export interface AnswerOption {
  id: string;
  label: string;
  /** What choosing this answer does to which causes (log-odds). */
  effects: { cause: string; weight: number }[];
  /** When the case's pastes satisfy this, the paste answers the question with this option (the first such
   *  option in file order) and the question is not asked. */
  answeredBy?: Match;
}

export interface Question {
  id: string;
  text: string;
  /** Why we ask (one line, shown on request). */
  why?: string;
  options: AnswerOption[];
  /** Ask only when one of these families is among the candidates; absent = any. */
  families?: FamilyId[];
}

/**
 * A discrete observation produced by a tool rather than read from pasted text: a SQLCHECK finding
 * ("finding:CERT_WEAK_SIGNATURE") or a probe outcome ("probe:tcp.refused"). Declared in
 * knowledge/signals/*.yaml with what it does to which causes.
 */
export interface Signal {
  id: string;
  producer: 'sqlcheck' | 'probe' | 'trace' | 'artifact';
  description: string;
  /** Why the effects follow from the observation (required for artifact signals). */
  why?: string;
  effects: { cause: string; weight: number }[];
}

export interface CollectItem {
  id: string;
  title: string;
  how: string;
}

export interface KnowledgeBase {
  families: Family[];
  causes: Cause[];
  questions: Question[];
  sources: Source[];
  signals: Signal[];
  collect: CollectItem[];
  riskyAdvice: RiskyAdvicePattern[];
  foreign: ForeignKnowledge;
  /** knowledge/calibration.yaml; absent: the knowledge weights' own scores (temperature 1). */
  calibration?: Calibration;
}

/**
 * How the shown cause scores are tempered: cause log-odds are divided by
 * temperature + fewAnswersTemperature / (1 + answers), where answers counts the user's informative
 * answers. Order never changes; only how sure the bot sounds (see knowledge/calibration.yaml).
 */
export interface Calibration {
  confidence: { temperature: number; fewAnswersTemperature: number };
}

/** A product whose errors are not SQL Server's (knowledge/foreign.yaml). */
export interface ForeignProduct {
  id: string;
  /** Completes "this looks like ... error, not SQL Server". */
  name: string;
  /** Lower-case phrases matched at the start of a word. */
  phrases: string[];
  /** The product's default ports. */
  ports: number[];
}

/** Recognisers for text that does not come from SQL Server, and the signs that it does. */
export interface ForeignKnowledge {
  sqlServer: { phrases: string[]; ports: number[] };
  products: ForeignProduct[];
}
