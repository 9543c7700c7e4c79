/**
 * Network traces (.pcap, .pcapng): conversations to SQL Server, their TDS and TLS, and the
 * patterns the articles name. Pure reading: no network, no knowledge of causes.
 */
export { readTraceFile, readTraceBuffer, TraceReader, READ_CHUNK } from './read-trace';
export type { ReadOptions } from './read-trace';
export { compareTraces } from './compare';
export { PATTERN_THRESHOLDS } from './findings';
export { looksLikeCapture } from './sniff';
export type * from './types';
export { traceEvidence, signalOf } from './evidence';
export type { TraceEvidenceInput } from './evidence';
export { describeConversation, renderTraceText } from './render-text';
