/** SQL Server Resolution Protocol (Browser, UDP 1434) messages: requests and the SVR_RESP parser. */

export const CLNT_UCAST_EX = Buffer.from([0x03]);

export interface InstanceRecord {
  serverName?: string;
  instanceName: string;
  isClustered?: boolean;
  version?: string;
  tcpPort?: number;
  pipe?: string;
}

const MAX_RESPONSE = 65535;

/** Returns null when the datagram is not a SVR_RESP. Records are `key;value;` pairs ended by `;;`. */
export function parseSvrResp(datagram: Buffer): InstanceRecord[] | null {
  if (datagram.length < 3 || datagram[0] !== 0x05) return null;
  const size = datagram.readUInt16LE(1);
  if (size > MAX_RESPONSE || 3 + size > datagram.length) return null;
  const text = datagram.subarray(3, 3 + size).toString('latin1');
  const records: InstanceRecord[] = [];
  for (const chunk of text.split(';;')) {
    const parts = chunk.split(';');
    const map = new Map<string, string>();
    for (let i = 0; i + 1 < parts.length; i += 2) map.set(parts[i].toLowerCase(), parts[i + 1]);
    const instanceName = map.get('instancename');
    if (!instanceName) continue;
    const port = Number(map.get('tcp'));
    records.push({
      serverName: map.get('servername'),
      instanceName,
      isClustered: map.has('isclustered') ? map.get('isclustered')?.toLowerCase() === 'yes' : undefined,
      version: map.get('version'),
      tcpPort: Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined,
      pipe: map.get('np'),
    });
  }
  return records;
}
