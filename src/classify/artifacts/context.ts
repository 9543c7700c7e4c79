/** What the artifact signals are judged against: the connection the failing client makes. */
export interface ArtifactContext {
  /** The TCP port the client dials: written in the error or connection string, checked with a port tool, else 1433 for a default instance. */
  clientPort?: number;
  /** Process ids the case's ERRORLOG names as SQL Server's ("Server process ID is N"). */
  sqlPids: number[];
  /** The host name (or address) the client connects to, from the error or connection string. */
  clientHost?: string;
  /** Thumbprints (lower-case hex) of the certificate the case's ERRORLOG says SQL Server loaded. */
  sqlCertHashes?: string[];
  /** When the artifact was pasted (epoch ms): certificate dates are judged against it. */
  atMs?: number;
}

export const DEFAULT_PORT = 1433;
