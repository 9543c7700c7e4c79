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
  /**
   * Cause log-odds are divided by this before the softmax that turns them into the scores shown
   * (1 = as the knowledge weights say; above 1 spreads the scores, below 1 sharpens them). The order of
   * causes never changes with it, only how sure the bot sounds: tune it so that a stated 60% is right
   * at least 9 times in 10 (the reliability table of `npm run eval`), never to one story.
   */
  causeTemperature: 1,
} as const;
