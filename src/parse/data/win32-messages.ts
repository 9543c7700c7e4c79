/**
 * Windows / Winsock system messages and the error numbers they stand for. Drivers often print
 * only the message (or a localized one), so the parser maps the words back to the number.
 * Phrases are matched lower-case against whitespace-folded text.
 */
export interface Win32Message {
  code: number;
  phrases: string[];
}

export const WIN32_MESSAGES: readonly Win32Message[] = [
  {
    code: 10054,
    phrases: [
      'an existing connection was forcibly closed by the remote host',
      '远程主机强迫关闭了一个现有的连接',
      'eine vorhandene verbindung wurde vom remotehost geschlossen',
      "une connexion existante a dû être fermée par l'hôte distant",
      'se ha forzado la interrupción de una conexión existente por el host remoto',
    ],
  },
  {
    code: 10061,
    phrases: [
      'target machine actively refused it',
      '由于目标计算机积极拒绝',
      'zielcomputer die verbindung verweigerte',
      "l'ordinateur cible l'a expressément refusée",
      'el equipo de destino denegó expresamente dicha conexión',
    ],
  },
  {
    code: 10060,
    phrases: [
      'the connected party did not properly respond after a period of time',
      'connected host has failed to respond',
      '由于连接方在一段时间后没有正确答复',
      'die gegenstelle nach einer bestimmten zeitspanne nicht richtig reagiert hat',
    ],
  },
  {
    code: 10053,
    phrases: ['an established connection was aborted by the software in your host machine', '你的主机中的软件中止了一个已建立的连接'],
  },
  {
    code: 10055,
    phrases: ['system lacked sufficient buffer space or because a queue was full'],
  },
  { code: 10013, phrases: ['an attempt was made to access a socket in a way forbidden by its access permissions'] },
  { code: 10048, phrases: ['only one usage of each socket address'] },
  { code: 10065, phrases: ['a socket operation was attempted to an unreachable host'] },
  { code: 10051, phrases: ['a socket operation was attempted to an unreachable network'] },
  {
    code: 121,
    phrases: [
      'the semaphore timeout period has expired',
      '信号灯超时时间已到',
      'das zeitlimit für die semaphore wurde erreicht',
      'le délai de temporisation de sémaphore a expiré',
    ],
  },
  {
    code: 64,
    phrases: [
      'the specified network name is no longer available',
      '指定的网络名不再可用',
      'der angegebene netzwerkname ist nicht mehr verfügbar',
    ],
  },
  { code: 11001, phrases: ['no such host is known', '不知道这样的主机', 'der angegebene host ist unbekannt'] },
  { code: 11004, phrases: ['the requested name is valid, but no data of the requested type was found'] },
  { code: 233, phrases: ['no process is on the other end of the pipe', '管道的另一端上无任何进程'] },
  { code: 232, phrases: ['the pipe is being closed'] },
  { code: 109, phrases: ['the pipe has been ended'] },
  { code: 258, phrases: ['the wait operation timed out', '等待的操作过时'] },
  { code: 53, phrases: ['the network path was not found', '找不到网络路径'] },
  { code: 1326, phrases: ['the user name or password is incorrect', 'unknown user name or bad password'] },
  { code: 1225, phrases: ['the remote computer refused the network connection'] },
  { code: 1231, phrases: ['the network location cannot be reached'] },
  { code: 1236, phrases: ['the network connection was aborted by the local system'] },
];

/** Numbers a driver may print in brackets or parentheses that are Win32/OS errors, not SQL Server errors. */
export const KNOWN_WIN32 = new Set<number>([
  2, 5, 53, 64, 87, 109, 121, 232, 233, 258, 1225, 1231, 1236, 1326, 10004, 10013, 10048, 10049, 10050, 10051,
  10053, 10054, 10055, 10057, 10060, 10061, 10064, 10065, 11001, 11002, 11003, 11004,
]);
