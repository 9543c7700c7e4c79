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
  /** Families never fall below this probability when causes are ranked, so later evidence can still move them. */
  familyFloor: 0.01,
} as const;
