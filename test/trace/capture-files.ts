/**
 * Test helper: re-frames the frames of a recorded capture under other link layers, IP versions
 * and file formats (the payloads stay the real bytes), and a seeded random generator for fuzzing.
 */
import fs from 'node:fs';
import { CaptureParser } from '../../src/trace/capture-parser';
import { storeFrame, StoredFrame } from '../../src/trace/frame';

export function framesOf(file: string): StoredFrame[] {
  const out: StoredFrame[] = [];
  const p = new CaptureParser((f) => out.push(storeFrame(f)));
  p.push(fs.readFileSync(file));
  p.end();
  return out;
}

/** The IP packet inside an Ethernet frame. */
export const ipOf = (f: StoredFrame) => f.data.subarray(14);

export function toIpv6(ip4: Buffer): Buffer {
  const ihl = (ip4[0] & 0x0f) * 4;
  const tcp = ip4.subarray(ihl, ip4.readUInt16BE(2));
  // A hop-by-hop options header (8 bytes of padding) in front of TCP, to walk an extension header.
  const hop = Buffer.from([6, 0, 1, 4, 0, 0, 0, 0]);
  const h = Buffer.alloc(40);
  h[0] = 0x60;
  h.writeUInt16BE(hop.length + tcp.length, 4);
  h[6] = 0; // next: hop-by-hop
  h[7] = 64;
  const addr = (v4: Buffer) => Buffer.concat([Buffer.from('20010db8000000000000000000000000', 'hex').subarray(0, 12), v4]);
  addr(ip4.subarray(12, 16)).copy(h, 8);
  addr(ip4.subarray(16, 20)).copy(h, 24);
  return Buffer.concat([h, hop, tcp]);
}

export type Link = 'ethernet-vlan' | 'sll' | 'sll2' | 'raw' | 'ipv4' | 'null' | 'loop' | 'ipv6-ethernet' | 'ipv6-raw';
export const LINK_TYPE: Record<Link, number> = { 'ethernet-vlan': 1, sll: 113, sll2: 276, raw: 101, ipv4: 228, null: 0, loop: 108, 'ipv6-ethernet': 1, 'ipv6-raw': 229 };

export function reframe(f: StoredFrame, link: Link): Buffer {
  const ip = ipOf(f);
  const eth = (type: number, body: Buffer, vlans = 0) => {
    const tags = Buffer.alloc(vlans * 4);
    for (let i = 0; i < vlans; i++) {
      tags.writeUInt16BE(i === 0 ? 0x88a8 : 0x8100, i * 4);
      tags.writeUInt16BE(100 + i, i * 4 + 2);
    }
    const t = Buffer.alloc(2);
    t.writeUInt16BE(type);
    return Buffer.concat([f.data.subarray(0, 12), tags.length ? Buffer.concat([tags.subarray(0, 2), tags.subarray(2)]) : tags, t, body]);
  };
  switch (link) {
    case 'ethernet-vlan': {
      // 802.1ad outer tag, 802.1Q inner tag, then IPv4.
      const hdr = Buffer.from([...f.data.subarray(0, 12), 0x88, 0xa8, 0, 100, 0x81, 0x00, 0, 200, 0x08, 0x00]);
      return Buffer.concat([hdr, ip]);
    }
    case 'sll': {
      const h = Buffer.alloc(16);
      h.writeUInt16BE(0, 0);
      h.writeUInt16BE(772, 2);
      h.writeUInt16BE(6, 4);
      h.writeUInt16BE(0x0800, 14);
      return Buffer.concat([h, ip]);
    }
    case 'sll2': {
      const h = Buffer.alloc(20);
      h.writeUInt16BE(0x0800, 0);
      h.writeUInt32BE(1, 4);
      h.writeUInt16BE(772, 8);
      h[11] = 6;
      return Buffer.concat([h, ip]);
    }
    case 'raw':
    case 'ipv4':
      return Buffer.from(ip);
    case 'null':
      return Buffer.concat([Buffer.from([2, 0, 0, 0]), ip]); // little-endian host order AF_INET
    case 'loop':
      return Buffer.concat([Buffer.from([0, 0, 0, 2]), ip]);
    case 'ipv6-ethernet':
      return eth(0x86dd, toIpv6(ip));
    case 'ipv6-raw':
      return toIpv6(ip);
  }
}

export function pcapFile(frames: { tsUs: number; data: Buffer }[], linkType: number, o: { bigEndian?: boolean; nano?: boolean } = {}): Buffer {
  const le = !o.bigEndian;
  const u32 = (v: number) => {
    const b = Buffer.alloc(4);
    if (le) b.writeUInt32LE(v >>> 0);
    else b.writeUInt32BE(v >>> 0);
    return b;
  };
  const u16 = (v: number) => {
    const b = Buffer.alloc(2);
    if (le) b.writeUInt16LE(v);
    else b.writeUInt16BE(v);
    return b;
  };
  const parts = [u32(o.nano ? 0xa1b23c4d : 0xa1b2c3d4), u16(2), u16(4), u32(0), u32(0), u32(262144), u32(linkType)];
  for (const f of frames) {
    const sec = Math.floor(f.tsUs / 1e6);
    const frac = o.nano ? Math.round((f.tsUs - sec * 1e6) * 1000) : Math.round(f.tsUs - sec * 1e6);
    parts.push(u32(sec), u32(frac), u32(f.data.length), u32(f.data.length), f.data);
  }
  return Buffer.concat(parts);
}

/** pcapng, big-endian, two interfaces (the frames on the second), nanosecond resolution, options and blocks to skip. */
export function pcapngFile(frames: { tsUs: number; data: Buffer }[], linkType: number): Buffer {
  const u32 = (v: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(v >>> 0);
    return b;
  };
  const u16 = (v: number) => {
    const b = Buffer.alloc(2);
    b.writeUInt16BE(v);
    return b;
  };
  const pad = (b: Buffer) => Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);
  const opt = (code: number, value: Buffer) => Buffer.concat([u16(code), u16(value.length), pad(value)]);
  const block = (type: number, body: Buffer) => Buffer.concat([u32(type), u32(body.length + 12), body, u32(body.length + 12)]);
  const comment = opt(1, Buffer.from('re-framed from a loopback capture'));
  const endOpt = Buffer.alloc(4);
  const shb = block(0x0a0d0d0a, Buffer.concat([u32(0x1a2b3c4d), u16(1), u16(0), u32(0xffffffff), u32(0xffffffff), comment, endOpt]));
  const idb0 = block(1, Buffer.concat([u16(1), u16(0), u32(65535), opt(2, Buffer.from('eth9')), endOpt]));
  const idb1 = block(1, Buffer.concat([u16(linkType), u16(0), u32(0), opt(2, Buffer.from('lo')), opt(9, Buffer.from([9])), endOpt]));
  const nrb = block(4, Buffer.concat([u16(1), u16(4), Buffer.from([127, 0, 0, 1]), u16(0), u16(0)]));
  const custom = block(0x00000bad, Buffer.alloc(16, 0xee));
  const parts = [shb, idb0, nrb, idb1, custom];
  for (const f of frames) {
    const ns = BigInt(Math.round(f.tsUs * 1000));
    const body = Buffer.concat([u32(1), u32(Number(ns >> 32n)), u32(Number(ns & 0xffffffffn)), u32(f.data.length), u32(f.data.length), pad(f.data), opt(2, u32(1)), endOpt]);
    parts.push(block(6, body));
  }
  return Buffer.concat(parts);
}

/** The shared seeded generator, under the name the trace fuzz tests use. */
export { seeded as rng } from '../../bench/seeded-random';
