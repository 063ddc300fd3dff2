// The two client-side measurements shared by the DNS and echo benchmarks: how long after its
// spawn a server first answers (polled with a request every 10 ms), and a run of requests sent
// one after another, each waiting for its reply (the paper's experiment).

import { ServerProcess, ServerSpec } from './server-process';
import { freeUdpPort } from '../test/support/guest';
import { UdpExchange } from './udp-exchange';

export interface Requests {
  /** The i-th request. */
  request(i: number): Buffer;
  /** Whether `reply` correctly answers the i-th request (a wrong answer is a failure). */
  answers(i: number, request: Buffer, reply: Buffer): boolean;
  /** Whether `reply` belongs to the i-th request at all (same ID); others are stale and ignored. */
  belongs(i: number, request: Buffer, reply: Buffer): boolean;
}

const POLL_MS = 10;
// A Linux VM under TCG takes 15–30 s to its first answer on a busy machine.
const FIRST_ANSWER_LIMIT_MS = 120000;

/** ms from the server's spawn to the first correct answer; throws after `limitMs` or if it exits. */
export async function timeToFirstAnswer(server: ServerProcess, client: UdpExchange, requests: Requests, limitMs: number): Promise<number> {
  const start = server.spawnedAt;
  for (let k = 0; ; k++) {
    const request = requests.request(k % 1000);
    const reply = await client.exchange(request, (r) => requests.answers(k % 1000, request, r), POLL_MS);
    if (reply !== null) return performance.now() - start;
    if (!server.running) throw new Error(`${server.spec.label} exited before answering:\n${server.output().slice(-2000)}`);
    if (performance.now() - start > limitMs) throw new Error(`${server.spec.label}: no answer within ${limitMs} ms:\n${server.output().slice(-2000)}`);
  }
}

export interface LoadResult {
  wallMs: number;
  /** Requests with no reply after the retries. */
  lost: number;
  /** Replies that did not answer their request correctly. */
  wrong: number;
}

/** Requests 0 … count-1, each sent when the previous one is answered (1 s timeout, 2 retries). */
export async function sequentialLoad(client: UdpExchange, requests: Requests, count: number): Promise<LoadResult> {
  let lost = 0, wrong = 0;
  const t = performance.now();
  for (let i = 0; i < count; i++) {
    const request = requests.request(i);
    let reply: Buffer | null = null;
    for (let attempt = 0; attempt < 3 && reply === null; attempt++) {
      reply = await client.exchange(request, (r) => requests.belongs(i, request, r), 1000);
    }
    if (reply === null) lost++;
    else if (!requests.answers(i, request, reply)) wrong++;
  }
  return { wallMs: performance.now() - t, lost, wrong };
}

/** Starts `spec` (on `core` where taskset allows), waits for its first correct answer, and
 *  hands the server, a client, that time and the port to `measure`; stops the server after. */
export async function withServer<T>(
  spec: (port: number) => ServerSpec,
  core: number | undefined,
  requests: Requests,
  measure: (server: ServerProcess, client: UdpExchange, firstAnswerMs: number, port: number) => Promise<T>,
): Promise<T> {
  const port = await freeUdpPort();
  const server = new ServerProcess(spec(port), core);
  const client = new UdpExchange('127.0.0.1', port);
  try {
    const first = await timeToFirstAnswer(server, client, requests, FIRST_ANSWER_LIMIT_MS);
    return await measure(server, client, first, port);
  } finally {
    client.close();
    await server.stop();
  }
}
