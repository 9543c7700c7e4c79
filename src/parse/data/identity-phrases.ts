/**
 * Message wording that names the login or the database, in the languages we have seen. The
 * name follows the phrase in quotes; phrases are lower-case and matched on lower-cased text.
 */
export const USER_PHRASES: readonly string[] = [
  'login failed for user ',
  "accesso non riuscito per l'utente ",
  'fehler bei der anmeldung für den benutzer ',
  "échec de l'ouverture de session de l'utilisateur ",
  'error de inicio de sesión del usuario ',
  "falha de logon para o usuário ",
  '用户 ',
];

export const DATABASE_PHRASES: readonly string[] = [
  'cannot open database ',
  'impossibile aprire il database ',
  'die von der anmeldung angeforderte datenbank ',
  "impossible d'ouvrir la base de données ",
  'no se puede abrir la base de datos ',
  'connection to database ',
];

/** Wording that places a user@domain login in Microsoft Entra ID (lower-case, matched on folded text). */
export const ENTRA_CONTEXT_PHRASES: readonly string[] = [
  'microsoft entra',
  'entra id',
  'azure active directory',
  'azure ad',
  'aadsts',
  'activedirectory',
  'active directory password',
  'active directory integrated',
  'active directory interactive',
  'managed identity',
  'federated authentication',
  'token-identified principal',
];
