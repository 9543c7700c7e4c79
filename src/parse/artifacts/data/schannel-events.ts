/** Schannel events of the Windows System log that the TLS articles point at, as data (event id and message phrase). */
export const SCHANNEL_EVENTS: { id: string; label: string; eventIds: number[]; phrases: string[] }[] = [
  { id: 'no-common-cipher', label: 'no cipher suite in common with the client (36874)', eventIds: [36874], phrases: ['none of the cipher suites supported by the client application are supported by the server'] },
  { id: 'no-common-protocol', label: 'no TLS protocol version in common with the client', eventIds: [], phrases: ['none of the protocols supported by the client application are supported by the server'] },
  { id: 'credential-error', label: 'fatal error creating a TLS credential (36871)', eventIds: [36871], phrases: ['a fatal error occurred while creating a tls', 'a fatal error occurred while creating an ssl', 'a fatal error occurred while creating a ssl'] },
  { id: 'private-key', label: 'cannot access the certificate private key (36870)', eventIds: [36870], phrases: ['when attempting to access the tls server credential private key', 'when attempting to access the ssl server credential private key'] },
  { id: 'alert-sent', label: 'fatal TLS alert sent (36888)', eventIds: [36888], phrases: ['a fatal alert was generated and sent to the remote endpoint'] },
  { id: 'alert-received', label: 'fatal TLS alert received (36887)', eventIds: [36887], phrases: ['a fatal alert was received from the remote endpoint'] },
  { id: 'name-mismatch', label: 'certificate does not carry the expected name (36884)', eventIds: [36884], phrases: ['does not contain the expected name'] },
  { id: 'untrusted-ca', label: 'certificate issued by an untrusted authority (36882)', eventIds: [36882], phrases: ['was issued by an untrusted certificate authority'] },
];
