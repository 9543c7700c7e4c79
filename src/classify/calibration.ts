import type { Calibration, KnowledgeBase } from '../kb/types';

/**
 * How the deterministic signatures and the text model combine into family scores. Tuned on the
 * knowledge base's own examples and checked with `npm run eval` (never on individual corpus items).
 */
export const CALIBRATION = {
  /** Weight of the text model's log posterior relative to signature log-odds. */
  textWeight: 0.35,
  /** Text-model log posteriors are divided by this (it is over-confident on short texts). */
  textTemperature: 4,
  /** Logit of "none of the families": wins when nothing matched and the text model is unsure. */
  unknownLogit: 1.2,
  /** The bar "none of the families" must clear instead when the text carries a SQL Server sign: the
   *  paste is SQL Server's, so a family that leads is named rather than "could not place". */
  unknownLogitWithSign: 0,
  /** Highest family score for text with no SQL Server sign and no other product named. */
  unsignedCap: 0.45,
  /** For text from another product: "none of the families" leads the best family by this much, so no
   *  SQL Server family comes near 0.5. */
  foreignMargin: 3,
  /** Families never fall below this probability when causes are ranked, so later evidence can still move them. */
  familyFloor: 0.01,
} as const;

/** Used when knowledge/calibration.yaml is left out: the knowledge weights' own scores. */
export const NO_CALIBRATION: Calibration = { confidence: { temperature: 1, fewAnswersTemperature: 0 } };

/**
 * The temperature that turns cause log-odds into the scores shown, given how many informative answers
 * the user has given: a case decided by the paste alone has been checked against less than one whose
 * leader survived several questions, so it sounds less sure. Fitted in knowledge/calibration.yaml.
 */
export function confidenceTemperature(kb: KnowledgeBase, answers: number): number {
  const { temperature, fewAnswersTemperature } = (kb.calibration ?? NO_CALIBRATION).confidence;
  return temperature + fewAnswersTemperature / (1 + Math.max(0, answers));
}
