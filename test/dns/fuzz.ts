// The malformed-message suite, usable against any DNS server on host:port: first the issue's
// list of hand-made bad messages (zero-length, 11 bytes, QDCOUNT 0 and 2, pointer loops,
// oversized names, reserved label types, EDNS edge cases, 4 KB of noise), then randomly mutated
// valid queries from a seeded PRNG (the same run every time for a seed). After every bad
// message a valid probe query must be answered correctly, and no bad message may get more than
// one reply: the server never stops and never answers twice.

import * as dnsPacket from 'dns-packet';
import { decode, malformedMessages, query } from './messages';
import { UdpClient } from './udp-client';
import { xorshift32 } from '../support/prng';

export interface FuzzReport {
  sent: number;
  /** Replies to bad messages (at most one each). */
  replies: number;
  /** Probes not answered or answered wrongly, with the bad message before them (hex). */
  failures: string[];
}

/** Uniform numbers in [0, 1) from xorshift32: the same on every run. */
export function prng(seed: number): () => number {
  const next = xorshift32(seed);
  return () => next() / 4294967296;
}

/** A valid query with one to four random octet edits, sometimes cut short or extended. */
export function mutatedQuery(random: () => number, i: number): Buffer {
  const names = ['h1.example.test', 'www.example.test', 'example.test', 'nope.example.test', 'big.example.test', `h${i % 10000}.ExAmple.TEST`];
  const types = ['A', 'AAAA', 'MX', 'SOA', 'TXT', 'NS', 'ANY', 'CNAME'];
  const base = query(names[Math.floor(random() * names.length)], {
    id: Math.floor(random() * 0xe000),
    type: types[Math.floor(random() * types.length)],
    edns: random() < 0.5 ? 512 + Math.floor(random() * 4000) : undefined,
    dnssecOk: random() < 0.2,
  });
  let msg = Buffer.from(base);
  const edits = 1 + Math.floor(random() * 4);
  for (let k = 0; k < edits; k++) {
    const at = Math.floor(random() * msg.length);
    const kind = random();
    if (kind < 0.6) msg[at] = Math.floor(random() * 256);
    else if (kind < 0.8) msg[at] ^= 1 << Math.floor(random() * 8);
    else msg[at] = [0, 0x3f, 0x40, 0x80, 0xc0, 0xff][Math.floor(random() * 6)];
  }
  const shape = random();
  if (shape < 0.1) msg = msg.subarray(0, Math.floor(random() * msg.length));
  else if (shape < 0.15) msg = Buffer.concat([msg, Buffer.from(Array.from({ length: 1 + Math.floor(random() * 40) }, () => Math.floor(random() * 256)))]);
  return msg;
}

/** Sends the malformed list and `mutations` mutated queries to host:port, each followed by a
 *  probe; `progress` is called every 1000 messages. */
export async function fuzzServer(host: string, port: number, mutations = 10000, seed = 1, progress?: (n: number) => void): Promise<FuzzReport> {
  const client = new UdpClient(host, port);
  const report: FuzzReport = { sent: 0, replies: 0, failures: [] };
  const random = prng(seed);
  const bad: Buffer[] = malformedMessages().map((m) => m.msg);
  for (let i = 0; i < mutations; i++) bad.push(mutatedQuery(random, i));
  try {
    for (let i = 0; i < bad.length; i++) {
      const msg = bad[i];
      client.send(msg);
      report.sent++;
      const probeId = 0xe000 + (i & 0x1fff);
      client.send(query('h3.example.test', { id: probeId }));
      // Replies arrive in order on one socket: everything before the probe's answers `msg`.
      let repliesToBad = 0;
      let ok = false;
      for (;;) {
        const r = await client.receive(3000);
        if (r === null) break;
        if (r.length >= 2 && r.readUInt16BE(0) === probeId) {
          const d = decode(r);
          ok = d.rcode === 'NOERROR' && d.answers!.length === 1 && (d.answers![0] as { data: string }).data === '10.0.0.3';
          break;
        }
        repliesToBad++;
      }
      report.replies += repliesToBad;
      if (!ok || repliesToBad > 1) {
        report.failures.push(`${ok ? `${repliesToBad} replies` : 'probe not answered'} after ${msg.toString('hex')}`);
        if (report.failures.length >= 20) break;
      }
      if (progress && (i + 1) % 1000 === 0) progress(i + 1);
    }
  } finally {
    client.close();
  }
  return report;
}
