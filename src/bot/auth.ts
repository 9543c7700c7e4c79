/**
 * Bot Framework authentication from the four Microsoft* settings. Without an app id the adapter
 * accepts anonymous requests (local chat page, emulator); with one, every request must carry a
 * valid Bot Framework token or it is refused with 401.
 */
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
// botbuilder's own dependency (same pinned release); CloudAdapter answers 401 only for this class.
import { AuthenticationError } from 'botframework-connector';
import { reuseClients } from './reuse-clients';
import { guardSigningKeyFetches } from './signing-keys';
import { guardReplies } from './reply-addresses';

/**
 * botbuilder lets a token with a bad signature (or one it trips over) surface as a plain error,
 * which CloudAdapter turns into a 500. Whatever fails while checking a token is a refusal: 401.
 */
function refuseBadTokens(auth: ConfigurationBotFrameworkAuthentication): ConfigurationBotFrameworkAuthentication {
  const original = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    try {
      return await original(activity, authHeader);
    } catch (err) {
      if (err instanceof AuthenticationError) throw err;
      throw new AuthenticationError(`Unauthorized: ${(err as Error)?.message ?? String(err)}`, 401);
    }
  };
  return auth;
}

export const APP_SETTINGS = ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId'] as const;

/** botbuilder's own settings for clouds other than the public one (US Gov via ChannelService, or a
 *  full set of endpoints). Left empty, the public Azure cloud is used. */
export const CLOUD_SETTINGS = [
  'ChannelService',
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'ToBotFromChannelTokenIssuer',
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'OAuthUrl',
  'CallerId',
] as const;

export const AUTH_SETTINGS = [...APP_SETTINGS, ...CLOUD_SETTINGS] as const;

export type AuthEnv = Partial<Record<(typeof AUTH_SETTINGS)[number], string>>;

/** Only these settings are passed on, so unrelated environment variables never change auth. */
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
  const anonymous = !settings.MicrosoftAppId;
  if (!anonymous) guardSigningKeyFetches();
  // Replies connect only where the address policy allows: this machine when anonymous, public addresses otherwise.
  const auth = guardReplies(refuseBadTokens(new ConfigurationBotFrameworkAuthentication(settings)), anonymous ? 'loopback' : 'public');
  return { auth: reuseClients(auth), anonymous };
}
