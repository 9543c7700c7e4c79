/**
 * Where a count in an artifact becomes a signal. The articles speak of "a large number of TIME_WAIT
 * compared to ESTABLISHED"; these make that concrete and are the only numbers the readers judge by.
 */
export const THRESHOLDS = {
  /** TIME_WAIT sockets on the SQL Server port that suggest connections opened and closed without pooling. */
  manyTimeWait: 100,
  /** ... and how many times the ESTABLISHED count they must exceed. */
  timeWaitRatio: 4,
  /** ESTABLISHED connections on the SQL Server port that suggest connections are held open (a leak or too many pools). */
  manyEstablished: 150,
  /** A cipher-suite list shorter than this has been cut down by policy; a peer may share none of it. */
  fewSuites: 6,
  /** Ports SQL Server conventionally uses for TCP: a listener there of an unnamed process is most likely SQL Server. */
  sqlPorts: [1433, 1434],
};
