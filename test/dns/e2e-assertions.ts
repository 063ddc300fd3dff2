// The end-to-end assertions of the DNS example, written once and run against any server: the
// Node process (test/dns/e2e.test.ts) and, by the lead's harness, the unikernel behind QEMU's
// `hostfwd=udp:127.0.0.1:PORT-:53`. Each check queries with a real client — `dig`, `kdig`, or
// raw UDP for what those cannot send — and throws an Error describing the first mismatch.
//
//   import { DNS_CHECKS, runDnsChecks } from './e2e-assertions';
//   const failures = await runDnsChecks('127.0.0.1', port);   // [] when everything passed

import { execFile } from 'child_process';
import * as dnsPacket from 'dns-packet';
import { parseDigOutput, recordLines, DigAnswer } from './dig-output';
import { decode, malformedMessages, query, rawMessage, typeClass, wireName } from './messages';
import { UdpClient } from './udp-client';
import { onPath } from '../support/host-tools';

export type Tool = 'dig' | 'kdig' | 'udp' | 'tcp';

export interface DnsCheck {
  name: string;
  tool: Tool;
  run(host: string, port: number): Promise<void>;
}

/** Which clients this machine has; a missing one is reported once, with how to install it. */
export function availableTools(): Record<Tool, boolean> {
  const tools = { dig: onPath('dig'), kdig: onPath('kdig'), udp: true, tcp: true };
  if (!tools.dig) console.warn('SKIPPED dig checks: dig is not installed (scripts/setup.sh installs bind9-dnsutils)');
  if (!tools.kdig) console.warn('SKIPPED kdig checks: kdig is not installed (scripts/setup.sh installs knot-dnsutils)');
  return tools;
}

/** Runs dig or kdig with `args` against host:port over UDP, one try, and parses its output. */
export function runTool(tool: 'dig' | 'kdig', host: string, port: number, args: string[]): Promise<DigAnswer> {
  const common = tool === 'dig' ? [`@${host}`, '-p', String(port), '+time=3', '+tries=1'] : [`@${host}`, '-p', String(port), '+notcp', '+time=3', '+retry=0'];
  return new Promise((resolve, reject) => {
    execFile(tool, [...common, ...args], { timeout: 15000 }, (error, stdout, stderr) => {
      if (error && stdout.length === 0) reject(new Error(`${tool} ${args.join(' ')}: ${error.message} ${stderr}`));
      else resolve(parseDigOutput(stdout));
    });
  });
}

function check(condition: boolean, what: string, got: DigAnswer | string): void {
  if (!condition) throw new Error(`${what}\n--- got:\n${typeof got === 'string' ? got : got.text}`);
}

function same(actual: string[], expected: string[], what: string, got: DigAnswer): void {
  check(JSON.stringify(actual) === JSON.stringify(expected), `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`, got);
}

/** An authoritative positive answer: NOERROR, aa, no ra, no tc. */
function positive(r: DigAnswer, expected: string[]): void {
  check(r.status === 'NOERROR', `status ${r.status}`, r);
  check(r.flags.includes('qr') && r.flags.includes('aa') && !r.flags.includes('ra') && !r.flags.includes('tc'), `flags ${r.flags.join(' ')}`, r);
  same(recordLines(r.answer), expected, 'answer section', r);
}

const SOA_LINE = 'example.test. 300 IN SOA ns1.example.test. hostmaster.example.test. 2026112701 7200 900 1209600 300';

function digChecks(tool: 'dig' | 'kdig'): DnsCheck[] {
  const t = (name: string, run: (host: string, port: number) => Promise<void>): DnsCheck => ({ name: `${tool}: ${name}`, tool, run });
  const ask = (host: string, port: number, ...args: string[]) => runTool(tool, host, port, args);
  return [
    t('A of a synthetic host', async (h, p) => positive(await ask(h, p, 'h1.example.test', 'A'), ['h1.example.test. 3600 IN A 10.0.0.1'])),
    t('the last synthetic host', async (h, p) => positive(await ask(h, p, 'h9999.example.test', 'A'), ['h9999.example.test. 3600 IN A 10.0.39.15'])),
    t('matching ignores case', async (h, p) => positive(await ask(h, p, 'H4711.ExAmPlE.TEST', 'A'), ['h4711.example.test. 3600 IN A 10.0.18.103'])),
    t('AAAA', async (h, p) => positive(await ask(h, p, 'h99.example.test', 'AAAA'), ['h99.example.test. 3600 IN AAAA fd00::99'])),
    t('CNAME with its target', async (h, p) =>
      positive(await ask(h, p, 'www.example.test', 'A'), ['www.example.test. 3600 IN CNAME h1.example.test.', 'h1.example.test. 3600 IN A 10.0.0.1'])),
    t('SOA', async (h, p) =>
      positive(await ask(h, p, 'example.test', 'SOA'), ['example.test. 3600 IN SOA ns1.example.test. hostmaster.example.test. 2026112701 7200 900 1209600 300'])),
    t('NS with glue', async (h, p) => {
      const r = await ask(h, p, 'example.test', 'NS');
      positive(r, ['example.test. 3600 IN NS ns1.example.test.']);
      same(recordLines(r.additional), ['ns1.example.test. 3600 IN A 192.0.2.53'], 'additional section', r);
    }),
    t('MX with the exchange address', async (h, p) => {
      const r = await ask(h, p, 'example.test', 'MX');
      positive(r, ['example.test. 3600 IN MX 10 mail.example.test.']);
      same(recordLines(r.additional), ['mail.example.test. 3600 IN A 192.0.2.25'], 'additional section', r);
    }),
    t('TXT', async (h, p) => positive(await ask(h, p, 'example.test', 'TXT'), ['example.test. 3600 IN TXT "v=spf1 mx -all" "tsuk authoritative DNS example"'])),
    t('NXDOMAIN with the SOA at the negative TTL', async (h, p) => {
      const r = await ask(h, p, 'nope.example.test', 'A');
      check(r.status === 'NXDOMAIN' && r.flags.includes('aa'), `status ${r.status} flags ${r.flags.join(' ')}`, r);
      same(recordLines(r.answer), [], 'answer section', r);
      same(recordLines(r.authority), [SOA_LINE], 'authority section', r);
    }),
    t('NODATA with the SOA', async (h, p) => {
      const r = await ask(h, p, 'ns1.example.test', 'AAAA');
      positive(r, []);
      same(recordLines(r.authority), [SOA_LINE], 'authority section', r);
    }),
    t('REFUSED outside the zone, AA=0', async (h, p) => {
      const r = await ask(h, p, 'example.org', 'A');
      check(r.status === 'REFUSED' && !r.flags.includes('aa'), `status ${r.status} flags ${r.flags.join(' ')}`, r);
    }),
    t('REFUSED for class CH', async (h, p) => {
      const r = await ask(h, p, '-c', 'CH', 'version.bind', 'TXT');
      check(r.status === 'REFUSED', `status ${r.status}`, r);
    }),
    t('without EDNS, truncated to whole RRsets with TC=1', async (h, p) => {
      const r = await ask(h, p, '+noedns', '+ignore', 'big.example.test', 'A');
      check(r.flags.includes('tc') && r.answer.length === 0 && (r.size ?? 0) <= 512, `flags ${r.flags.join(' ')}, ${r.answer.length} answers`, r);
    }),
    t('with EDNS 4096, the whole RRset and an OPT (version 0)', async (h, p) => {
      const r = await ask(h, p, '+bufsize=4096', 'big.example.test', 'A');
      check(!r.flags.includes('tc') && r.answer.length === 40, `flags ${r.flags.join(' ')}, ${r.answer.length} answers`, r);
      check(r.ednsVersion === 0 && r.ednsUdp !== undefined && r.ednsUdp >= 512, `EDNS version ${r.ednsVersion} udp ${r.ednsUdp}`, r);
    }),
    t('with EDNS 600, capped at 600 octets', async (h, p) => {
      const r = await ask(h, p, '+bufsize=600', '+ignore', 'big.example.test', 'A');
      check(r.flags.includes('tc') && (r.size ?? 0) <= 600, `flags ${r.flags.join(' ')}, size ${r.size}`, r);
    }),
    t('BADVERS for EDNS version 1', async (h, p) => {
      const r = await ask(h, p, '+edns=1', ...(tool === 'dig' ? ['+noednsnegotiation'] : []), 'h1.example.test', 'A');
      check(r.status === 'BADVERS' && r.answer.length === 0, `status ${r.status}`, r);
    }),
    t('a TSIG-signed query gets NOTAUTH with an unsigned BADKEY TSIG (no keys here)', async (h, p) => {
      const key = Buffer.from('a key this server does not have!').toString('base64');
      const r = await ask(h, p, '-y', `hmac-sha256:nokey.example.test:${key}`, 'h1.example.test', 'A');
      // kdig shows the TSIG error as the status, dig the header's RCODE.
      check(r.status === (tool === 'dig' ? 'NOTAUTH' : 'BADKEY') && r.answer.length === 0, `status ${r.status}`, r);
      check(/nokey\.example\.test\.\s+0\s+ANY\s+TSIG\s+hmac-sha256\.\s+\d+\s+300\s+0\s+\d+\s+BADKEY\s+0/.test(r.text), 'no BADKEY TSIG without MAC', r);
    }),
    t('QCLASS ANY is answered with AA=0', async (h, p) => {
      const r = await ask(h, p, '-c', 'ANY', 'h1.example.test', 'A');
      check(r.status === 'NOERROR' && !r.flags.includes('aa'), `status ${r.status} flags ${r.flags.join(' ')}`, r);
      same(recordLines(r.answer), ['h1.example.test. 3600 IN A 10.0.0.1'], 'answer section', r);
    }),
  ];
}

/** Runs `body` with a UDP client to host:port, closed afterwards. */
async function withClient(host: string, port: number, body: (c: UdpClient) => Promise<void>): Promise<void> {
  const c = new UdpClient(host, port);
  try {
    await body(c);
  } finally {
    c.close();
  }
}

/** Checks over raw UDP, for messages dig and kdig do not send. */
const UDP_CHECKS: DnsCheck[] = [
  {
    name: 'udp: the question is echoed octet for octet, ID and RD copied',
    tool: 'udp',
    run: (host, port) =>
      withClient(host, port, async (c) => {
        const q = query('wWw.ExAmPlE.tEsT', { id: 0xabcd, flags: dnsPacket.RECURSION_DESIRED });
        const r = await c.exchange(q);
        check(r !== null, 'no reply', '');
        const qEnd = 12 + wireName('wWw.ExAmPlE.tEsT').length + 4;
        check(r!.subarray(12, qEnd).equals(q.subarray(12, qEnd)), 'question differs', r!.toString('hex'));
        const d = decode(r!);
        check(d.id === 0xabcd && d.flag_rd === true && d.flag_qr === true && d.flag_aa === true, 'header', JSON.stringify(d));
      }),
  },
  {
    name: 'udp: a 2 000-octet query (EDNS padding; IPv4 fragments on the wire) is answered',
    tool: 'udp',
    run: (host, port) =>
      withClient(host, port, async (c) => {
        const q = dnsPacket.encode({
          type: 'query',
          id: 0x1473,
          flags: 0,
          questions: [{ name: 'h1.example.test', type: 'A', class: 'IN' }],
          additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232, extendedRcode: 0, ednsVersion: 0, flags: 0, options: [{ code: 12, data: Buffer.alloc(1950) }] } as dnsPacket.Answer],
        });
        check(q.length > 1472, `query of ${q.length} octets fits one frame`, '');
        const r = await c.exchange(q);
        check(r !== null, 'no reply', '');
        const d = decode(r!);
        check(d.id === 0x1473 && d.rcode === 'NOERROR' && d.answers!.length === 1, 'reply', JSON.stringify(d));
      }),
  },
  {
    name: 'udp: AXFR and IXFR over UDP are NOTIMP; other opcodes NOTIMP',
    tool: 'udp',
    run: (host, port) =>
      withClient(host, port, async (c) => {
        for (const type of ['AXFR', 'IXFR']) {
          const r = await c.exchange(query('example.test', { type, id: 7 }));
          check(r !== null && decode(r).rcode === 'NOTIMP', `${type}: no NOTIMP`, r ? r.toString('hex') : 'no reply');
        }
        const notify = await c.exchange(rawMessage(8, 4 << 11, [1, 0, 0, 0], [...wireName('example.test'), ...typeClass(6, 1)]));
        check(notify !== null && (notify[3] & 15) === 4 && ((notify[2] >> 3) & 15) === 4, 'NOTIFY: no NOTIMP', notify ? notify.toString('hex') : 'no reply');
      }),
  },
  {
    name: 'udp: malformed messages get FORMERR or nothing, and the next query is answered',
    tool: 'udp',
    run: (host, port) =>
      withClient(host, port, async (c) => {
        let probeId = 0xf000;
        for (const m of malformedMessages()) {
          c.send(m.msg);
          const probeReply = await c.exchange(query('h2.example.test', { id: probeId++ }), 3000);
          check(probeReply !== null && decode(probeReply).answers!.length === 1, `${m.name}: the next query was not answered`, '');
        }
        for (const m of malformedMessages()) {
          if (m.rcode === undefined) continue;
          const r = await c.exchange(m.msg, 3000);
          check(r !== null && decode(r).rcode === m.rcode, `${m.name}: expected ${m.rcode}`, r ? r.toString('hex') : 'no reply');
        }
        for (const m of malformedMessages()) {
          if (!m.drop || m.msg.length < 2) continue;
          const r = await c.exchange(m.msg, 500);
          check(r === null, `${m.name}: answered but must be dropped`, r ? r.toString('hex') : '');
        }
      }),
  },
];

/** Every check: dig's, kdig's, raw UDP's. */
export const DNS_CHECKS: DnsCheck[] = [...digChecks('dig'), ...digChecks('kdig'), ...UDP_CHECKS];

/** Runs the checks (all tools unless `tools` says otherwise) one after another; returns the
 *  failures as "name: message" (empty when all passed). */
export async function runDnsChecks(host: string, port: number, tools: Tool[] = ['dig', 'kdig', 'udp']): Promise<string[]> {
  const failures: string[] = [];
  for (const c of DNS_CHECKS) {
    if (!tools.includes(c.tool)) continue;
    try {
      await c.run(host, port);
    } catch (e) {
      failures.push(`${c.name}: ${(e as Error).message}`);
    }
  }
  return failures;
}
