/** A probe that policy does not allow. The message is safe to show in chat as it is. */
export type RefusalCode =
  | 'no-servers'
  | 'unknown-server'
  | 'address-literal'
  | 'bad-name'
  | 'not-granted'
  | 'forbidden-address'
  | 'outside-configured'
  | 'busy'
  | 'rate-limited'
  | 'series-too-large'
  | 'bad-request'
  | 'no-address';

export class ProbeRefused extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'ProbeRefused';
  }
}
