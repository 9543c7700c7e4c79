/**
 * What kind of login the paste names: a Windows account (DOMAIN\name, NT AUTHORITY\...), a Microsoft
 * Entra identity (user@domain with Entra wording, or the token principal), or else, when a failed
 * login (18456) names it, a SQL login. Nothing when the paste names no login.
 */
import { ENTRA_CONTEXT_PHRASES, USER_PHRASES } from '../data/identity-phrases';
import type { UserKind } from '../../kb/types';

const LOGIN_FAILED = 18456;

export function detectUserKind(user: string | undefined, sqlErrors: number[], folded: string): UserKind | undefined {
  const name = user?.trim();
  if (!name) return undefined;
  if (name.includes('\\')) return 'windows';
  const entraWording = ENTRA_CONTEXT_PHRASES.some((p) => folded.includes(p));
  if (/^<token-identified principal>$/i.test(name) || (name.includes('@') && entraWording)) return 'entra';
  const loginFailed = sqlErrors.includes(LOGIN_FAILED) || USER_PHRASES.some((p) => folded.includes(p));
  return loginFailed ? 'sql' : undefined;
}
