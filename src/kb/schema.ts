/**
 * JSON Schemas for the files in knowledge/. Validation runs at build time (src/kb/build.ts);
 * a bad file fails the build naming the file, the JSON path and the reason.
 */
import { FAMILY_IDS, NAMED_PARTS, PHASES, PROVIDER_IDS, USER_KINDS, WEAKENS } from './types';

const id = { type: 'string', pattern: '^[a-z0-9][a-z0-9.-]*$', maxLength: 80 } as const;
const text = { type: 'string', minLength: 3, maxLength: 4000 } as const;
const nonEmptyList = (items: object) => ({ type: 'array', items, minItems: 1 }) as const;
const intList = { type: 'array', items: { type: 'integer' }, minItems: 1 } as const;
const strList = { type: 'array', items: { type: 'string', minLength: 1, maxLength: 300 }, minItems: 1 } as const;
const weight = { type: 'number', minimum: -10, maximum: 10 } as const;

const matchBase = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    sqlError: intList,
    state: intList,
    sni: intList,
    win32: intList,
    hresult: { type: 'array', items: { type: 'string', pattern: '^0x[0-9A-F]+$' }, minItems: 1 },
    provider: { type: 'array', items: { enum: [...PROVIDER_IDS] }, minItems: 1 },
    phase: { type: 'array', items: { enum: [...PHASES] }, minItems: 1 },
    code: strList,
    driver: {
      type: 'array',
      items: {
        enum: ['sqlclient', 'odbc', 'oledb', 'jdbc', 'tedious', 'pyodbc', 'pymssql', 'go-mssqldb', 'php', 'sqlcmd', 'ssms', 'freetds', 'dblib'],
      },
      minItems: 1,
    },
    exception: strList,
    phrase: strList,
    notPhrase: strList,
    userKind: { type: 'array', items: { enum: [...USER_KINDS] }, minItems: 1 },
    has: { type: 'array', items: { enum: [...NAMED_PARTS] }, minItems: 1 },
    signal: { type: 'array', items: { type: 'string', pattern: '^(finding|probe|trace|artifact):[A-Za-z0-9_.-]+$' }, minItems: 1 },
  },
} as const;

/** A condition: the keys above, and `anyOf` (one level deep) for a fact with several tell-tale forms. */
const match = {
  ...matchBase,
  properties: { ...matchBase.properties, anyOf: { type: 'array', items: matchBase, minItems: 1 } },
} as const;

const weighted = {
  type: 'object',
  additionalProperties: false,
  required: ['match', 'weight'],
  properties: { match, weight, why: { type: 'string', maxLength: 400 } },
} as const;

const effect = {
  type: 'object',
  additionalProperties: false,
  required: ['cause', 'weight'],
  properties: { cause: id, weight },
} as const;

export const sourcesSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['sources'],
  properties: {
    sources: nonEmptyList({
      type: 'object',
      additionalProperties: false,
      required: ['id', 'title', 'url', 'kind'],
      properties: { id, title: text, url: { type: 'string', pattern: '^https://' }, kind: { enum: ['seed', 'docs'] } },
    }),
  },
} as const;

export const familiesSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['families'],
  properties: {
    families: nonEmptyList({
      type: 'object',
      additionalProperties: false,
      required: ['id', 'title', 'summary', 'signatures', 'examples'],
      properties: {
        id: { enum: [...FAMILY_IDS] },
        title: text,
        summary: text,
        signatures: { type: 'array', items: weighted },
        examples: { type: 'array', items: { type: 'string', minLength: 5, maxLength: 8000 }, minItems: 3 },
        probeable: { type: 'boolean' },
      },
    }),
  },
} as const;

/**
 * A fix: plain text, or an object. An object that says what it weakens must also say the risk and
 * whether it is temporary; an object without `weakens` is just text and may not carry a risk.
 */
const fix = {
  oneOf: [
    text,
    {
      type: 'object',
      additionalProperties: false,
      required: ['text', 'weakens', 'risk', 'temporary'],
      properties: {
        text,
        weakens: { enum: [...WEAKENS] },
        risk: { type: 'string', minLength: 20, maxLength: 600 },
        temporary: { type: 'boolean' },
      },
    },
  ],
} as const;

export const causesSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['causes'],
  properties: {
    causes: nonEmptyList({
      type: 'object',
      additionalProperties: false,
      required: ['id', 'family', 'title', 'summary', 'prior', 'checks', 'fixes', 'collect', 'evidence', 'source'],
      properties: {
        id,
        family: { enum: [...FAMILY_IDS] },
        title: text,
        summary: text,
        prior: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
        checks: nonEmptyList(text),
        fixes: nonEmptyList(fix),
        collect: { type: 'array', items: id },
        evidence: { type: 'array', items: weighted },
        source: {
          type: 'object',
          additionalProperties: false,
          required: ['source'],
          properties: { source: id, section: { type: 'string', maxLength: 300 } },
        },
      },
    }),
  },
} as const;

export const questionsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['questions'],
  properties: {
    questions: nonEmptyList({
      type: 'object',
      additionalProperties: false,
      required: ['id', 'text', 'options'],
      properties: {
        id,
        text,
        why: { type: 'string', maxLength: 400 },
        families: { type: 'array', items: { enum: [...FAMILY_IDS] }, minItems: 1 },
        options: {
          type: 'array',
          minItems: 2,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'label', 'effects'],
            properties: { id, label: { type: 'string', minLength: 1, maxLength: 80 }, effects: { type: 'array', items: effect }, answeredBy: match },
          },
        },
      },
    }),
  },
} as const;

export const signalsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['signals'],
  properties: {
    signals: nonEmptyList({
      type: 'object',
      additionalProperties: false,
      required: ['id', 'producer', 'description', 'effects'],
      properties: {
        id: { type: 'string', pattern: '^(finding|probe|trace|artifact):[A-Za-z0-9_.-]+$' },
        producer: { enum: ['sqlcheck', 'probe', 'trace', 'artifact'] },
        description: text,
        effects: { type: 'array', items: effect },
        why: { type: 'string', minLength: 3, maxLength: 600 },
      },
      // An artifact signal says why its effects follow from what the artifact shows (the article's reasoning).
      if: { properties: { producer: { const: 'artifact' } } },
      then: { required: ['why'], properties: { why: { type: 'string' } } },
    }),
  },
} as const;

export const collectSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['collect'],
  properties: {
    collect: nonEmptyList({
      type: 'object',
      additionalProperties: false,
      required: ['id', 'title', 'how'],
      properties: { id, title: text, how: text },
    }),
  },
} as const;

const port = { type: 'integer', minimum: 1, maximum: 65535 } as const;
const lowerPhrases = { type: 'array', items: { type: 'string', pattern: '^[^A-Z]{2,120}$' }, minItems: 1 } as const;

export const foreignSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['sqlServer', 'products'],
  properties: {
    sqlServer: {
      type: 'object',
      additionalProperties: false,
      required: ['phrases', 'ports'],
      properties: { phrases: lowerPhrases, ports: { type: 'array', items: port } },
    },
    products: nonEmptyList({
      type: 'object',
      additionalProperties: false,
      required: ['id', 'name', 'phrases', 'ports'],
      properties: { id, name: { type: 'string', minLength: 2, maxLength: 80 }, phrases: lowerPhrases, ports: { type: 'array', items: port } },
    }),
  },
} as const;

/** knowledge/calibration.yaml: how sure the shown cause scores sound (fitted by bench/calibrate.ts). */
export const calibrationSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['confidence'],
  properties: {
    confidence: {
      type: 'object',
      additionalProperties: false,
      required: ['temperature', 'fewAnswersTemperature'],
      properties: {
        temperature: { type: 'number', exclusiveMinimum: 0, maximum: 20 },
        fewAnswersTemperature: { type: 'number', minimum: 0, maximum: 20 },
      },
    },
  },
} as const;

export const riskyAdviceSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['patterns'],
  properties: {
    patterns: nonEmptyList({
      type: 'object',
      additionalProperties: false,
      required: ['id', 'weakens', 'why', 'phrases'],
      properties: {
        id,
        weakens: { enum: [...WEAKENS] },
        why: text,
        phrases: { type: 'array', items: { type: 'string', pattern: '^[^A-Z]{3,120}$' }, minItems: 1 },
      },
    }),
  },
} as const;
