// The DNS-over-TCP assertions (RFC 7766, RFC 1035 §4.2.2) of the DNS example, run against any
// server like test/dns/e2e-assertions.ts: the Node process (e2e.test.ts) and the unikernel
// behind QEMU's `hostfwd=tcp:127.0.0.1:PORT-:53` (unikernel.test.ts). `dig +tcp`, `dig +vc`
// and `kdig +tcp` for what real resolvers do; a raw client (tcp-client.ts) for the framing
// they never exercise: a message split over many segments, many messages in one, pipelining,
// a half-close after the queries, a malformed message, and the server's idle timeout.

import { execFile } from 'child_process';
import { DnsCheck } from './e2e-assertions';
import { parseDigOutput, recordLines, DigAnswer } from './dig-output';
import { decode, query } from './messages';
import { framed, TcpDnsClient } from './tcp-client';

/** The example's idle timeout for TCP connections (examples/dns.ts TCP_IDLE_MS). */
export const TCP_IDLE_MS = 10000;
/** The example's RRset that only TCP can carry (examples/dns/synthetic.ts). */
const LARGE_COUNT = 240;

function check(condition: boolean, what: string, got: DigAnswer | string): void {
  if (!condition) throw new Error(`${what}\n--- got:\n${typeof got === 'string' ? got : got.text}`);
}

/** Runs dig or kdig over TCP (`transport`: +tcp, or dig's older spelling +vc), one try. */
function runTcp(tool: 'dig' | 'kdig', transport: string, host: string, port: number, args: string[]): Promise<string> {
  const common = tool === 'dig' ? [`@${host}`, '-p', String(port), transport, '+time=10', '+tries=1'] : [`@${host}`, '-p', String(port), transport, '+time=10', '+retry=0'];
  return new Promise((resolve, reject) => {
    execFile(tool, [...common, ...args], { timeout: 30000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error && stdout.length === 0) reject(new Error(`${tool} ${args.join(' ')}: ${error.message} ${stderr}`));
      else resolve(stdout);
    });
  });
}

/** An authoritative answer without TC, over TCP. */
function whole(r: DigAnswer): void {
  check(r.status === 'NOERROR' && r.flags.includes('aa') && !r.flags.includes('tc'), `status ${r.status} flags ${r.flags.join(' ')}`, r);
  check(/\(TCP\)/.test(r.text), 'not answered over TCP', r);
}

function toolChecks(tool: 'dig' | 'kdig', transport: string): DnsCheck[] {
  const t = (name: string, run: (host: string, port: number) => Promise<void>): DnsCheck => ({ name: `${tool} ${transport}: ${name}`, tool, run });
  const ask = async (h: string, p: number, ...args: string[]) => parseDigOutput(await runTcp(tool, transport, h, p, args));
  return [
    t('A of a synthetic host', async (h, p) => {
      const r = await ask(h, p, 'h1.example.test', 'A');
      whole(r);
      check(JSON.stringify(recordLines(r.answer)) === JSON.stringify(['h1.example.test. 3600 IN A 10.0.0.1']), 'answer section', r);
    }),
    t('without EDNS, the 40-record RRset whole (no TC=1 over TCP)', async (h, p) => {
      const r = await ask(h, p, '+noedns', 'big.example.test', 'A');
      whole(r);
      check(r.answer.length === 40 && (r.size ?? 0) > 512, `${r.answer.length} answers, ${r.size} octets`, r);
    }),
    t(`a ${LARGE_COUNT}-record TXT RRset in one reply over 60 000 octets`, async (h, p) => {
      const r = await ask(h, p, 'large.example.test', 'TXT');
      whole(r);
      check(r.answer.length === LARGE_COUNT && (r.size ?? 0) > 60000 && (r.size ?? 0) <= 65535, `${r.answer.length} answers, ${r.size} octets`, r);
      const texts = new Set(r.answer.map((rr) => /"large record (\d+) \.*"/.exec(rr.join(' '))?.[1]));
      check(texts.size === LARGE_COUNT && !texts.has(undefined), `${texts.size} distinct records`, r);
    }),
    t('three queries on one connection (+keepopen)', async (h, p) => {
      const out = await runTcp(tool, transport, h, p, ['+keepopen', 'h1.example.test', 'A', 'h2.example.test', 'A', 'h9999.example.test', 'A']);
      const answers = out
        .split('\n')
        .filter((l) => /^h\d+\.example\.test\.\s/.test(l))
        .map((l) => l.trim().split(/\s+/).join(' '));
      check(
        JSON.stringify(answers) ===
          JSON.stringify(['h1.example.test. 3600 IN A 10.0.0.1', 'h2.example.test. 3600 IN A 10.0.0.2', 'h9999.example.test. 3600 IN A 10.0.39.15']),
        `answers ${JSON.stringify(answers)}`,
        out,
      );
    }),
  ];
}

/** Runs `body` with a raw TCP client, closed afterwards. */
async function withClient(host: string, port: number, body: (c: TcpDnsClient) => Promise<void>): Promise<void> {
  const c = await TcpDnsClient.connect(host, port);
  try {
    await body(c);
  } finally {
    c.close();
  }
}

/** `replies` answer h<first> … h<first+count-1>, each asked with its number as the ID, in any order. */
function answersHosts(replies: (Buffer | null)[], first: number, count: number): void {
  const seen = new Set<number>();
  for (const r of replies) {
    check(r !== null, `${seen.size} of ${count} replies`, '');
    const d = decode(r!);
    const i = d.id! - first;
    const a = d.answers![0] as { name: string; data: string } | undefined;
    check(i >= 0 && i < count && !seen.has(i), `unexpected ID ${d.id}`, JSON.stringify(d));
    const h = d.id!;
    check(a !== undefined && a.name === `h${h}.example.test` && a.data === `10.0.${h >> 8}.${h & 255}`, `answer for h${h}`, JSON.stringify(d));
    seen.add(i);
  }
  check(seen.size === count, `${seen.size} of ${count} answered`, '');
}

const RAW_CHECKS: DnsCheck[] = [
  {
    name: 'tcp: a query written one octet per segment, length prefix included, is answered',
    tool: 'tcp',
    run: (host, port) =>
      withClient(host, port, async (c) => {
        await c.writeInPieces(framed(query('h7.example.test', { id: 7 })), 1, 15);
        answersHosts([await c.receive(10000)], 7, 1);
      }),
  },
  {
    name: 'tcp: 20 pipelined queries in one write, then 10 more split across message boundaries, then a half-close: all answered',
    tool: 'tcp',
    run: (host, port) =>
      withClient(host, port, async (c) => {
        c.write(Buffer.concat(Array.from({ length: 20 }, (_, i) => framed(query(`h${i}.example.test`, { id: i })))));
        const first: (Buffer | null)[] = [];
        for (let i = 0; i < 20; i++) first.push(await c.receive(10000));
        answersHosts(first, 0, 20);
        // Each framed query is 37 octets; pieces of 23 end inside a message or its length, and
        // many hold the end of one message and the start of the next.
        const batch = Buffer.concat(Array.from({ length: 10 }, (_, i) => framed(query(`h${100 + i}.example.test`, { id: 100 + i }))));
        await c.writeInPieces(batch, 23, 5);
        const second: (Buffer | null)[] = [];
        for (let i = 0; i < 10; i++) second.push(await c.receive(10000));
        answersHosts(second, 100, 10);
        // Queries then FIN at once: the answers still come, then the server's FIN.
        const last = Buffer.concat([framed(query('h200.example.test', { id: 200 })), framed(query('h201.example.test', { id: 201 }))]);
        c.write(last);
        c.end();
        answersHosts([await c.receive(10000), await c.receive(10000)], 200, 2);
        check((await c.closed(10000)) !== null, 'the server did not close after the half-close', '');
      }),
  },
  {
    name: 'tcp: a malformed message (5 octets) gets FORMERR or nothing, and the connection goes on answering',
    tool: 'tcp',
    run: (host, port) =>
      withClient(host, port, async (c) => {
        c.write(Buffer.concat([framed(Buffer.from([0x12, 0x34, 0, 0, 1])), framed(query('h3.example.test', { id: 3 }))]));
        let r = await c.receive(10000);
        if (r !== null && decode(r).id === 0x1234) {
          check(decode(r).rcode === 'FORMERR', `malformed: ${decode(r).rcode}`, r.toString('hex'));
          r = await c.receive(10000);
        }
        answersHosts([r], 3, 1);
      }),
  },
  {
    name: `tcp: an idle connection is closed by the server after ${TCP_IDLE_MS / 1000} s (RFC 7766 §6.2.3)`,
    tool: 'tcp',
    run: (host, port) =>
      withClient(host, port, async (c) => {
        c.write(framed(query('h5.example.test', { id: 5 })));
        answersHosts([await c.receive(10000)], 5, 1);
        const answeredAt = Date.now();
        const closedAt = await c.closed(TCP_IDLE_MS + 10000);
        check(closedAt !== null, `still open ${TCP_IDLE_MS + 10000} ms after the last answer`, '');
        const idle = closedAt! - answeredAt;
        check(idle >= TCP_IDLE_MS - 1000, `closed after ${idle} ms of idleness`, '');
      }),
  },
];

/** Every TCP check: dig +tcp, dig +vc, kdig +tcp, raw TCP. */
export const DNS_TCP_CHECKS: DnsCheck[] = [...toolChecks('dig', '+tcp'), ...toolChecks('dig', '+vc'), ...toolChecks('kdig', '+tcp'), ...RAW_CHECKS];

