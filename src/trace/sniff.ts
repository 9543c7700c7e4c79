/** Is this a capture file? By its first four bytes (pcap in either byte order and resolution, pcapng). */
export function looksLikeCapture(head: Buffer): boolean {
  if (head.length < 4) return false;
  const m = head.readUInt32BE(0);
  return m === 0x0a0d0d0a || m === 0xa1b2c3d4 || m === 0xd4c3b2a1 || m === 0xa1b23c4d || m === 0x4d3cb2a1;
}
