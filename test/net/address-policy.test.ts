/**
 * The one address policy shared by probes, attachment downloads and replies: every spelling of a
 * place nothing may go is recognised, IPv6 forms that carry an IPv4 address included.
 */
import { classifyAddress, reachRefusal } from '../../src/net/address-policy';

describe('address classes', () => {
  it.each([
    // Cloud metadata, directly and carried inside IPv6.
    ['169.254.169.254', 'metadata'],
    ['168.63.129.16', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['192.0.0.192', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['::ffff:169.254.169.254', 'metadata'], // mapped ::ffff:0:0/96
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['::ffff:0:a9fe:a9fe', 'metadata'], // SIIT ::ffff:0:0:0/96
    ['::a9fe:a9fe', 'metadata'], // compatible ::/96
    ['::169.254.169.254', 'metadata'],
    ['64:ff9b::a9fe:a9fe', 'metadata'], // NAT64 well-known
    ['64:ff9b::169.254.169.254', 'metadata'],
    ['64:ff9b:1::a9fe:a9fe', 'metadata'], // NAT64 local use, /96 layout
    ['64:ff9b:1:a9fe:a9:fe00::', 'metadata'], // NAT64 local use, /48 layout
    ['2002:a9fe:a9fe::1', 'metadata'], // 6to4
    ['2001:0:a9fe:a9fe::1', 'metadata'], // Teredo server
    ['2001:0:4136:e378:8000:63bf:5601:5601', 'metadata'], // Teredo client (inverted bits)
    ['[64:FF9B::A9FE:A9FE]', 'metadata'],
    // Link-local and other never-reached places.
    ['169.254.10.10', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['64:ff9b::a9fe:0101', 'link-local'],
    ['2002:a9fe:0101::', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['not an address', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    // This machine, internal networks, the internet.
    ['127.0.0.1', 'loopback'],
    ['127.9.9.9', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['64:ff9b::7f00:1', 'private'], // through a translator: not this machine
    ['::127.0.0.1', 'private'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['2002:0a00:0001::', 'private'],
    ['8.8.8.8', 'public'],
    ['2606:4700::1111', 'public'],
    ['64:ff9b::808:808', 'public'],
  ])('%s is %s', (address, cls) => {
    expect(classifyAddress(address)).toBe(cls);
  });
});

describe('what each reach allows', () => {
  it.each([
    ['loopback', '127.0.0.1', true],
    ['loopback', '::1', true],
    ['loopback', '10.0.0.1', false],
    ['loopback', '64:ff9b::7f00:1', false],
    ['loopback', '8.8.8.8', false],
    ['public', '8.8.8.8', true],
    ['public', '127.0.0.1', false],
    ['public', '192.168.0.1', false],
    ['public', '64:ff9b::a9fe:a9fe', false],
    ['any', '10.0.0.1', true],
    ['any', '127.0.0.1', true],
    ['any', '::ffff:0:a9fe:a9fe', false],
    ['any', '192.0.0.192', false],
  ] as const)('%s reach, %s: allowed %s', (reach, address, allowed) => {
    expect(reachRefusal(reach, address) === undefined).toBe(allowed);
  });
});
