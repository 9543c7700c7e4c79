/**
 * SQL Server Browser stand-ins on loopback UDP: one that answers with an instance list, one that
 * is not running (a port nobody holds, so the kernel answers ICMP port-unreachable), one silent.
 */
import dgram from 'node:dgram';

export interface BrowserPeer {
  port: number;
  requests: Buffer[];
  close(): Promise<void>;
}

export interface InstanceEntry {
  name: string;
  tcpPort?: number;
  version?: string;
}

function svrResp(host: string, instances: InstanceEntry[]): Buffer {
  const text = instances
    .map((i) => `ServerName;${host};InstanceName;${i.name};IsClustered;No;Version;${i.version ?? '16.0.4135.4'};${i.tcpPort ? `tcp;${i.tcpPort};` : ''}np;\\\\${host}\\pipe\\sql\\query;;`)
    .join('');
  const head = Buffer.from([0x05, 0, 0]);
  head.writeUInt16LE(Buffer.byteLength(text, 'latin1'), 1);
  return Buffer.concat([head, Buffer.from(text, 'latin1')]);
}

export async function startBrowserPeer(mode: 'answer' | 'silent', instances: InstanceEntry[] = []): Promise<BrowserPeer> {
  const socket = dgram.createSocket('udp4');
  const peer: BrowserPeer = { port: 0, requests: [], close: () => new Promise((r) => socket.close(() => r())) };
  socket.on('message', (msg, from) => {
    peer.requests.push(msg);
    if (mode === 'silent') return;
    if (msg[0] === 0x03 || msg[0] === 0x02) socket.send(svrResp('PEERHOST', instances), from.port, from.address);
    if (msg[0] === 0x04) {
      const name = msg.subarray(1).toString('latin1').replace(/\0.*$/s, '');
      const hit = instances.filter((i) => i.name.toLowerCase() === name.toLowerCase());
      // A real Browser says nothing about an instance it does not know.
      if (hit.length) socket.send(svrResp('PEERHOST', hit), from.port, from.address);
    }
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  peer.port = socket.address().port;
  return peer;
}

/** A UDP port that was just free: nothing listens, so a datagram there draws ICMP port-unreachable. */
export async function closedUdpPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve));
  const port = s.address().port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
