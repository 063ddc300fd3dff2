// The heavy node:http checks, not in `npm test` (`npm run test:http-load`, a step of .ci/run):
// examples/http-hello.ts on Node and as an image under QEMU TCG behind hostfwd, loaded by `ab`
// (apache2-utils) with and without keep-alive — every request must succeed — while slowloris
// clients drip a request head one octet every few seconds: Node's headersTimeout (60 s; Node
// checks every 30 s) must answer them 408 and close, on both platforms, with the same octets.

import { execFile } from 'child_process';
import { Exchange, imagePeer, nodePeer, Peer, rawExchange } from './support/http-peers';
import { onPath } from './support/host-tools';

const haveAb = onPath('ab');
if (!haveAb) console.log('test/http-load.bench-test.ts: ab is not installed (apt-get install apache2-utils; scripts/setup.sh does): the load cases are skipped');

let peers: Peer[] = [];
beforeAll(async () => {
  const started = await Promise.allSettled([nodePeer(), imagePeer()]);
  peers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  for (const s of started) if (s.status === 'rejected') throw s.reason;
}, 240000);
afterAll(async () => {
  await Promise.all(peers.map((p) => p.stop()));
});

interface AbResult {
  complete: number;
  failed: number;
  non2xx: number;
  rps: number;
}

function ab(port: number, args: string[]): Promise<AbResult> {
  return new Promise((resolve, reject) => {
    execFile('ab', ['-q', '-r', '-s', '30', ...args, `http://127.0.0.1:${port}/`], { timeout: 110000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`ab ${args.join(' ')}: ${error.message}\n${stdout}\n${stderr}`));
      const num = (re: RegExp) => Number((stdout.match(re) ?? [])[1] ?? 0);
      resolve({ complete: num(/Complete requests:\s+(\d+)/), failed: num(/Failed requests:\s+(\d+)/), non2xx: num(/Non-2xx responses:\s+(\d+)/), rps: num(/Requests per second:\s+([\d.]+)/) });
    });
  });
}

/** A head dripped one octet every `gapMs`, never finished. */
function slowloris(port: number): Promise<Exchange> {
  const head = 'GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ';
  const pieces = [head, ...'abcdefghijklmnopqrstuvwxyz'.split('')];
  return rawExchange(port, pieces, 110000, 4000);
}

test('slowloris heads are answered 408 and closed by the headers timeout while ab loads the server; ab sees no failure', async () => {
  const slow = peers.map((p) => Promise.all([slowloris(p.port), slowloris(p.port)]));
  for (const p of peers) {
    if (!haveAb) break;
    const keepAlive = await ab(p.port, ['-k', '-n', '2000', '-c', '8']);
    const fresh = await ab(p.port, ['-n', '500', '-c', '8']);
    console.log(`${p.name}: ab -k: ${keepAlive.rps} requests/s; ab: ${fresh.rps} requests/s (TCG, a shared machine: not a benchmark)`);
    expect({ name: p.name, ...keepAlive, rps: 0 }).toEqual({ name: p.name, complete: 2000, failed: 0, non2xx: 0, rps: 0 });
    expect({ name: p.name, ...fresh, rps: 0 }).toEqual({ name: p.name, complete: 500, failed: 0, non2xx: 0, rps: 0 });
  }
  const [onNode, onImage] = await Promise.all(slow);
  for (const e of [...onNode, ...onImage]) {
    expect(e.closed).toBe(true);
    expect(e.ms).toBeGreaterThanOrEqual(59000);
    expect(e.text).toBe('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
  }
}, 120000);
