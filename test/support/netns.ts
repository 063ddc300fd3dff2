// What the suites with a Linux peer in a network namespace share (test/net-linux.test.ts,
// test/lossy/): whether a namespace with a tap device can be made here, and the raw SYN flood
// they send at a guest.

import { execFileSync } from 'child_process';
import * as fs from 'fs';
import { onPath } from './host-tools';

/** Creates namespace `ns`; returns why it cannot be used (not root, no tun, a missing tool),
 *  or undefined when it was made. */
export function namespaceUnavailable(ns: string, tools: string[]): string | undefined {
  if (process.getuid?.() !== 0) return 'not root (network namespaces and tap devices need it)';
  if (!fs.existsSync('/dev/net/tun')) return 'no /dev/net/tun';
  for (const tool of ['ip', ...tools]) if (!onPath(tool)) return `${tool} is not installed (scripts/setup.sh installs it)`;
  try {
    execFileSync('ip', ['netns', 'add', ns], { stdio: 'pipe' });
  } catch (e) {
    return `cannot create a network namespace: ${(e as Error).message.split('\n')[0]}`;
  }
  return undefined;
}

/** A Python script sending `count` raw SYNs from `src` to `dst`:`port`, from source ports
 *  `firstPort` … (cycling through 30 000) that Linux has no socket for; prints "sent". */
export function synFloodScript(src: string, dst: string, port: number, count: number, firstPort: number): string {
  return `
import socket, struct
def csum(b):
    if len(b) % 2: b += b'\\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff
src, dst = socket.inet_aton('${src}'), socket.inet_aton('${dst}')
r = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP)
for i in range(${count}):
    h = struct.pack('!HHIIBBHHH', ${firstPort} + i % 30000, ${port}, i * 7919, 0, 5 << 4, 2, 65535, 0, 0)
    c = csum(src + dst + struct.pack('!BBH', 0, 6, len(h)) + h)
    r.sendto(h[:16] + struct.pack('!H', c) + h[18:], ('${dst}', 0))
print('sent')
`;
}
