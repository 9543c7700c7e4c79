/**
 * Bounds that keep reading a capture flat in memory whatever the file claims. Mechanism
 * parameters, not knowledge: how much we buffer, not what a pattern means.
 */
export const TRACE_LIMITS = {
  /** A frame or pcapng block larger than this is skipped without being buffered. */
  maxRecordBytes: 256 * 1024,
  /** Out-of-order TCP segments held per direction while waiting for a gap to fill. */
  maxHeldSegments: 64,
  maxHeldBytes: 256 * 1024,
  /** Bytes of one TDS message or TLS handshake message kept for parsing. */
  maxMessageBytes: 64 * 1024,
  /** Conversations kept in full detail; later ones are counted only. */
  maxConversations: 20_000,
  /** Conversation records kept in a report (the rest are summarised by counts). */
  maxReportedConversations: 2_000,
} as const;
