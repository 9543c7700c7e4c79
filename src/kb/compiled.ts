/** The compiled knowledge base: validated data, the trained text model, and lookup indexes. */
import type { Cause, CollectItem, Family, FamilyId, KnowledgeBase, Question, Signal, Source } from './types';
import { loadTextModel, LoadedTextModel, TextModel } from './text-model';
import { CompiledPhraseIndex, compilePhrases, PhraseIndex } from './phrase-index';

/** 2: the phrase automaton is compiled at build time (`phrases`). */
export const COMPILED_FORMAT = 2;

export interface CompiledFile {
  format: number;
  builtAt: string;
  kb: KnowledgeBase;
  model: TextModel;
  /** The Aho-Corasick automaton of every phrase the knowledge base's conditions name. */
  phrases: CompiledPhraseIndex;
}

export interface Knowledge {
  kb: KnowledgeBase;
  builtAt: string;
  family: Map<FamilyId, Family>;
  cause: Map<string, Cause>;
  causesOf: Map<FamilyId, Cause[]>;
  question: Map<string, Question>;
  signal: Map<string, Signal>;
  source: Map<string, Source>;
  collect: Map<string, CollectItem>;
  phrases: PhraseIndex;
  text: LoadedTextModel;
}

/** Every phrase a condition of the knowledge base names (signatures, evidence, implied answers). */
export function knowledgePhrases(kb: KnowledgeBase): string[] {
  const phrases: string[] = [];
  const conditions = [
    ...kb.families.flatMap((f) => f.signatures.map((s) => s.match)),
    ...kb.causes.flatMap((c) => c.evidence.map((e) => e.match)),
    ...kb.questions.flatMap((q) => q.options.flatMap((o) => (o.answeredBy ? [o.answeredBy] : []))),
  ];
  for (const m of conditions) for (const part of [m, ...(m.anyOf ?? [])]) phrases.push(...(part.phrase ?? []), ...(part.notPhrase ?? []));
  return phrases;
}

/** Build-time: the phrase automaton of `kb`. */
export const compileKnowledgePhrases = (kb: KnowledgeBase): CompiledPhraseIndex => compilePhrases(knowledgePhrases(kb));

export function indexKnowledge(file: CompiledFile): Knowledge {
  const { kb } = file;
  const causesOf = new Map<FamilyId, Cause[]>();
  for (const c of kb.causes) causesOf.set(c.family, [...(causesOf.get(c.family) ?? []), c]);
  return {
    kb,
    builtAt: file.builtAt,
    family: new Map(kb.families.map((f) => [f.id, f])),
    cause: new Map(kb.causes.map((c) => [c.id, c])),
    causesOf,
    question: new Map(kb.questions.map((q) => [q.id, q])),
    signal: new Map(kb.signals.map((s) => [s.id, s])),
    source: new Map(kb.sources.map((s) => [s.id, s])),
    collect: new Map(kb.collect.map((c) => [c.id, c])),
    phrases: new PhraseIndex(file.phrases),
    text: loadTextModel(file.model),
  };
}
