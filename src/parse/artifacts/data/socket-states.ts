/**
 * Socket state words as netstat and ss print them, English and the localized forms Windows prints
 * (German, French, Spanish, Italian, Portuguese). Upper-case, accents kept and removed.
 */
import type { SocketState } from '../types';

export const SOCKET_STATES: Record<string, SocketState> = {
  LISTENING: 'listening', LISTEN: 'listening', 'ABHÖREN': 'listening', ABHOREN: 'listening', 'ÉCOUTE': 'listening', ECOUTE: 'listening',
  ESCUCHANDO: 'listening', 'IN_ASCOLTO': 'listening', ESCUTANDO: 'listening', UNCONN: 'listening',
  ESTABLISHED: 'established', ESTAB: 'established', HERGESTELLT: 'established', 'ÉTABLIE': 'established', ETABLIE: 'established',
  ESTABLECIDO: 'established', ESTABLECIDA: 'established', STABILITA: 'established', ESTABELECIDA: 'established',
  TIME_WAIT: 'time-wait', 'TIME-WAIT': 'time-wait', WARTEND: 'time-wait',
  CLOSE_WAIT: 'close-wait', 'CLOSE-WAIT': 'close-wait', SCHLIESSEN_WARTEN: 'close-wait',
  SYN_SENT: 'syn-sent', 'SYN-SENT': 'syn-sent', SYN_GESENDET: 'syn-sent', SYN_ENVOYE: 'syn-sent', SYN_ENVIADO: 'syn-sent',
};

/** The SQL Server database engine's program name as netstat -b, ss -p and netstat -p print it. */
export const SQL_SERVER_PROCESSES = ['sqlservr.exe', 'sqlservr'];
