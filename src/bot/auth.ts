/**
 * Bot Framework authentication from the four Microsoft* settings. Without an app id the adapter
 * accepts anonymous requests (local chat page, emulator); with one, every request must carry a
 * valid Bot Framework token or it is refused with 401.
 */
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';

export const AUTH_SETTINGS = ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId'] as const;

export type AuthEnv = Partial<Record<(typeof AUTH_SETTINGS)[number], string>>;

/** Only the four settings are passed on, so unrelated environment variables never change auth. */
export function pickAuthSettings(env: Record<string, string | undefined>): AuthEnv {
  const out: AuthEnv = {};
  for (const key of AUTH_SETTINGS) {
    const value = env[key]?.trim();
    if (value) out[key] = value;
  }
  return out;
}

export function createAuthentication(env: Record<string, string | undefined>): {
  auth: ConfigurationBotFrameworkAuthentication;
  anonymous: boolean;
} {
  const settings = pickAuthSettings(env);
  const type = settings.MicrosoftAppType?.toLowerCase();
  if (type && !['multitenant', 'singletenant', 'userassignedmsi'].includes(type)) {
    throw new Error(`MicrosoftAppType '${settings.MicrosoftAppType}' is not one of MultiTenant, SingleTenant, UserAssignedMSI`);
  }
  if (settings.MicrosoftAppId && type === 'singletenant' && !settings.MicrosoftAppTenantId) {
    throw new Error('MicrosoftAppType=SingleTenant needs MicrosoftAppTenantId');
  }
  return { auth: new ConfigurationBotFrameworkAuthentication(settings), anonymous: !settings.MicrosoftAppId };
}
