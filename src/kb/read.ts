/**
 * Reads knowledge/ into one KnowledgeBase, validating each file against its schema and then the
 * references between files. Every problem is reported as `file: /json/path: reason`.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ErrorObject } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { calibrationSchema, causesSchema, collectSchema, familiesSchema, questionsSchema, riskyAdviceSchema, foreignSchema, signalsSchema, sourcesSchema } from './schema';
import { riskyPhraseIn } from './fix';
import { FAMILY_IDS, KnowledgeBase, UNSURE_OPTION } from './types';

export interface KbProblem {
  file: string;
  path: string;
  reason: string;
}

export function formatProblem(p: KbProblem): string {
  return `${p.file}: ${p.path || '/'}: ${p.reason}`;
}

interface Part {
  file: string;
  schema: object;
  key: keyof KnowledgeBase;
  /** The file's top-level list when it is not named like the key. */
  yamlKey?: string;
  /** The whole file is one object (not a list to append). */
  whole?: boolean;
  /** The file may be left out (its defaults apply). */
  optional?: boolean;
}

function partsOf(dir: string): Part[] {
  const listYaml = (sub: string) =>
    fs.existsSync(path.join(dir, sub))
      ? fs
          .readdirSync(path.join(dir, sub))
          .filter((f) => f.endsWith('.yaml'))
          .sort()
          .map((f) => path.join(sub, f))
      : [];
  return [
    { file: 'sources.yaml', schema: sourcesSchema, key: 'sources' },
    { file: 'families.yaml', schema: familiesSchema, key: 'families' },
    ...listYaml('causes').map((file) => ({ file, schema: causesSchema, key: 'causes' as const })),
    { file: 'questions.yaml', schema: questionsSchema, key: 'questions' },
    { file: 'collect.yaml', schema: collectSchema, key: 'collect' },
    ...listYaml('signals').map((file) => ({ file, schema: signalsSchema, key: 'signals' as const })),
    { file: 'risky-advice.yaml', schema: riskyAdviceSchema, key: 'riskyAdvice', yamlKey: 'patterns' },
    { file: 'foreign.yaml', schema: foreignSchema, key: 'foreign', whole: true },
    { file: 'calibration.yaml', schema: calibrationSchema, key: 'calibration', whole: true, optional: true },
  ];
}

/**
 * A value that fits none of a oneOf's shapes gets one error per shape; where the value is an object,
 * the "must be string" of the plain-text shape and the oneOf summary only hide the real reason.
 */
function withoutOneOfNoise(errors: ErrorObject[]): ErrorObject[] {
  const noise = (e: ErrorObject, at: string) => e.instancePath === at && (e.keyword === 'oneOf' || e.keyword === 'type');
  const oneOfAt = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  const detailed = new Set(
    [...oneOfAt].filter((at) => errors.some((e) => (e.instancePath === at || e.instancePath.startsWith(`${at}/`)) && !noise(e, at))),
  );
  return errors.filter((e) => !(detailed.has(e.instancePath) && noise(e, e.instancePath)));
}

function ajvProblems(file: string, errors: ErrorObject[] | null | undefined): KbProblem[] {
  return withoutOneOfNoise(errors ?? []).map((e) => {
    const extra =
      e.keyword === 'additionalProperties'
        ? ` '${(e.params as { additionalProperty: string }).additionalProperty}'`
        : e.keyword === 'enum'
          ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})`
          : '';
    return { file, path: e.instancePath, reason: `${e.message ?? e.keyword}${extra}` };
  });
}

export function readKnowledge(dir: string): { kb: KnowledgeBase; problems: KbProblem[] } {
  const ajv = new Ajv({ allErrors: true, strict: true });
  const kb: KnowledgeBase = { families: [], causes: [], questions: [], sources: [], signals: [], collect: [], riskyAdvice: [], foreign: { sqlServer: { phrases: [], ports: [] }, products: [] } };
  const problems: KbProblem[] = [];
  const origin = new Map<object, string>();

  for (const part of partsOf(dir)) {
    const full = path.join(dir, part.file);
    const file = path.join('knowledge', part.file);
    if (!fs.existsSync(full)) {
      if (part.optional) continue;
      problems.push({ file, path: '', reason: 'file is missing' });
      continue;
    }
    let doc: unknown;
    try {
      doc = parseYaml(fs.readFileSync(full, 'utf8'), { maxAliasCount: 100 });
    } catch (err) {
      problems.push({ file, path: '', reason: `not valid YAML: ${(err as Error).message.split('\n')[0]}` });
      continue;
    }
    const validate = ajv.compile(part.schema);
    if (!validate(doc)) {
      problems.push(...ajvProblems(file, validate.errors));
      continue;
    }
    if (part.whole) {
      (kb as unknown as Record<string, unknown>)[part.key] = doc;
      continue;
    }
    const items = (doc as Record<string, object[]>)[part.yamlKey ?? part.key];
    for (const item of items) origin.set(item, file);
    (kb[part.key] as object[]).push(...items);
  }
  if (problems.length === 0) problems.push(...crossCheck(kb, origin));
  return { kb, problems };
}

/** References between files: ids unique, every reference resolves, every family present. */
function crossCheck(kb: KnowledgeBase, origin: Map<object, string>): KbProblem[] {
  const problems: KbProblem[] = [];
  const where = (item: object) => origin.get(item) ?? 'knowledge';
  const unique = <T extends { id: string }>(items: T[], listName: string) => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) problems.push({ file: where(item), path: `/${listName}/${i}/id`, reason: `duplicate id '${item.id}'` });
      seen.set(item.id, i);
    });
    return new Set(items.map((x) => x.id));
  };
  const sources = unique(kb.sources, 'sources');
  const causes = unique(kb.causes, 'causes');
  const collect = unique(kb.collect, 'collect');
  unique(kb.questions, 'questions');
  unique(kb.signals, 'signals');
  unique(kb.families, 'families');
  unique(kb.riskyAdvice, 'patterns');
  unique(kb.foreign.products, 'products');

  for (const fam of FAMILY_IDS) {
    if (!kb.families.some((f) => f.id === fam)) problems.push({ file: 'knowledge/families.yaml', path: '/families', reason: `family '${fam}' is missing` });
    if (!kb.causes.some((c) => c.family === fam)) problems.push({ file: 'knowledge/causes', path: '', reason: `family '${fam}' has no causes` });
  }
  const fileIndex = new Map<string, number>();
  for (const c of kb.causes) {
    const file = where(c);
    const i = fileIndex.get(file) ?? 0;
    fileIndex.set(file, i + 1);
    if (!sources.has(c.source.source)) problems.push({ file, path: `/causes/${i}/source/source`, reason: `unknown source '${c.source.source}'` });
    c.collect.forEach((k, j) => {
      if (!collect.has(k)) problems.push({ file, path: `/causes/${i}/collect/${j}`, reason: `unknown collect item '${k}'` });
    });
    c.fixes.forEach((fix, j) => {
      if (typeof fix !== 'string') return;
      const hit = riskyPhraseIn(fix, kb.riskyAdvice);
      if (hit) {
        problems.push({
          file,
          path: `/causes/${i}/fixes/${j}`,
          reason: `plain-text fix matches risky-advice pattern '${hit.pattern.id}' ('${hit.phrase}', knowledge/risky-advice.yaml): write it as {text, weakens, risk, temporary}`,
        });
      }
    });
    const expected = `causes/${c.family}.yaml`;
    if (!file.endsWith(expected)) problems.push({ file, path: `/causes/${i}/family`, reason: `cause '${c.id}' of family '${c.family}' belongs in knowledge/${expected}` });
  }
  kb.questions.forEach((q, i) => {
    const unsure = q.options.findIndex((o) => o.id === UNSURE_OPTION);
    if (unsure < 0) problems.push({ file: where(q), path: `/questions/${i}/options`, reason: `question '${q.id}' has no '${UNSURE_OPTION}' option ("Not sure / skip")` });
    else if (q.options[unsure].effects.length > 0) problems.push({ file: where(q), path: `/questions/${i}/options/${unsure}/effects`, reason: `the '${UNSURE_OPTION}' option must change no ranking (effects: [])` });
    else if (q.options[unsure].answeredBy) problems.push({ file: where(q), path: `/questions/${i}/options/${unsure}/answeredBy`, reason: `the '${UNSURE_OPTION}' option is the user's to choose, never implied by a paste` });
    const optionIds = new Set<string>();
    q.options.forEach((o, j) => {
      if (optionIds.has(o.id)) problems.push({ file: where(q), path: `/questions/${i}/options/${j}/id`, reason: `duplicate option id '${o.id}'` });
      optionIds.add(o.id);
    });
  });
  kb.questions.forEach((q, i) =>
    q.options.forEach((o, j) =>
      o.effects.forEach((e, k) => {
        if (!causes.has(e.cause)) problems.push({ file: where(q), path: `/questions/${i}/options/${j}/effects/${k}/cause`, reason: `unknown cause '${e.cause}'` });
      }),
    ),
  );
  const signalIndex = new Map<string, number>();
  for (const s of kb.signals) {
    const file = where(s);
    const i = signalIndex.get(file) ?? 0;
    signalIndex.set(file, i + 1);
    s.effects.forEach((e, k) => {
      if (!causes.has(e.cause)) problems.push({ file, path: `/signals/${i}/effects/${k}/cause`, reason: `unknown cause '${e.cause}'` });
    });
  }
  // A question answered by a signal must name one that some knowledge/signals file declares.
  const signals = new Set(kb.signals.map((s) => s.id));
  kb.questions.forEach((q, i) =>
    q.options.forEach((o, j) =>
      [o.answeredBy, ...(o.answeredBy?.anyOf ?? [])].forEach((m, a) =>
        (m?.signal ?? []).forEach((id, k) => {
          const at = a === 0 ? `answeredBy/signal/${k}` : `answeredBy/anyOf/${a - 1}/signal/${k}`;
          if (!signals.has(id)) problems.push({ file: where(q), path: `/questions/${i}/options/${j}/${at}`, reason: `unknown signal '${id}'` });
        }),
      ),
    ),
  );
  return problems;
}
