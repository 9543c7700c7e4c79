/** Reads the shared SQLCHECK fixtures (../shared/fixtures/sqlcheck next to the repository). */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const FIXTURE_DIR = resolve(__dirname, '../../../../shared/fixtures/sqlcheck');

export const FIXTURES = {
  a: 'a_client_tls12_disabled.txt',
  b: 'b_server_weak_cert_hash_force_encryption.txt',
  c: 'c_alias_wrong_port.txt',
  d: 'd_browser_stopped_dynamic_port_dhe_old_os.txt',
  real1055: 'real/ms_sample_v1.0.0.1055_2021-04.txt',
  real1160: 'real/ms_sample_v1.0.1160.0_2021-09.txt',
} as const;

export type FixtureKey = keyof typeof FIXTURES;

export function fixture(key: FixtureKey): string {
  return readFileSync(join(FIXTURE_DIR, FIXTURES[key]), 'utf8');
}
