/**
 * Telltale words of localized driver and Windows messages. A language scores one point per
 * distinct word found (whole words, lower-case); scripts that identify a language on their own
 * (CJK, Cyrillic, Hangul, kana) are checked by character range first.
 */
export interface LanguageWords {
  lang: string;
  words: string[];
}

export const LANGUAGE_WORDS: readonly LanguageWords[] = [
  { lang: 'de', words: ['anmeldung', 'benutzer', 'verbindung', 'fehler', 'konnte', 'nicht', 'wurde', 'zeichen', 'zeitlimit', 'ungültig', 'fehlgeschlagen', 'datenbank'] },
  { lang: 'fr', words: ['connexion', 'utilisateur', 'serveur', 'échec', 'impossible', 'valeur', 'précision', 'erreur', 'été', 'côté', 'accès', 'délai', 'hôte'] },
  { lang: 'es', words: ['conexión', 'usuario', 'servidor', 'inicio', 'sesión', 'error de', 'equipo', 'destino', 'tiempo', 'denegó', 'existente'] },
  { lang: 'it', words: ['impossibile', 'utente', 'accesso', 'riuscito', 'connessione', 'richiesto', 'dall', 'errore', 'stabilire'] },
  { lang: 'pt', words: ['usuário', 'conexão', 'falha', 'servidor', 'não', 'foi', 'possível'] },
  { lang: 'tr', words: ['bağlan', 'bağlanma', 'bağlantı', 'kullanıcı', 'sunucu', 'başarısız', 'oturum', 'hata', 'açma'] },
  { lang: 'nl', words: ['gebruiker', 'aanmelding', 'verbinding', 'mislukt', 'kan niet'] },
];

/** Character ranges that name a language by themselves; kana before Han so Japanese is not read as Chinese. */
export const SCRIPT_LANGUAGES: readonly { lang: string; pattern: RegExp }[] = [
  { lang: 'ja', pattern: /[\u3040-\u30ff]/ },
  { lang: 'ko', pattern: /[\uac00-\ud7af]/ },
  { lang: 'zh', pattern: /[\u4e00-\u9fff]/ },
  { lang: 'ru', pattern: /[\u0400-\u04ff]/ },
];
