// The profiler's host side, as pure functions: the sample stream the guest writes on COM2
// (compiler/x86/profile.ts) → stacks of function names (the image's own symbol table,
// cli/image-symtab.ts) → folded stacks (Brendan Gregg's format), a top-N table (self and total)
// and a self-contained SVG flame graph. docs/PROFILING.md describes the whole.

import { Code, Decoder, DecoderOptions } from 'iced-x86';
import { ImageSymbols } from './image-symtab';
import { SECTOR_SIZE } from '../boot/bootsector';
import { DEFAULT_LOAD_ADDRESS } from '../compiler/link/link';

const MAGIC = 0x504b5354; // 'TSKP'
const HEADER = 32;
/** The frame a sample taken in the event loop's `hlt` ends with. */
export const IDLE = '[idle]';
const UNKNOWN = '[unknown]';

export interface ProfileStream {
  /** Each sample's words: the interrupted eip, the word on top of its stack, then the return
   *  addresses of the frame-pointer walk, innermost first. */
  samples: number[][];
  hz: number;
  /** Samples the guest had taken by its last dump (more than `samples` when some were lost). */
  taken: number;
  /** Bytes after the last complete dump (a dump still arriving, or garbage). */
  trailing: number;
}

/** Parses one or more dumps ([header][records]) written one after another. */
export function parseProfileStream(bytes: Uint8Array): ProfileStream {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const samples: number[][] = [];
  let hz = 0, taken = 0;
  let at = 0;
  while (at + HEADER <= bytes.length && dv.getUint32(at, true) === MAGIC) {
    const used = dv.getUint32(at + 4, true);
    if (at + HEADER + used > bytes.length) break;
    hz = dv.getUint32(at + 20, true);
    taken = dv.getUint32(at + 12, true);
    let p = at + HEADER;
    const end = p + used;
    while (p + 4 <= end) {
      const n = dv.getUint32(p, true);
      if (n < 2 || p + 4 + 4 * n > end) throw new Error(`profile: malformed record at byte ${p}`);
      const s: number[] = [];
      for (let k = 0; k < n; k++) s.push(dv.getUint32(p + 4 + 4 * k, true));
      samples.push(s);
      p += 4 + 4 * n;
    }
    at = end;
  }
  return { samples, hz, taken, trailing: bytes.length - at };
}

/** Collects the COM2 stream as it arrives and counts the complete dumps in it, scanning each
 *  byte once (dumps are up to a megabyte, and arrive in small pieces). */
export class DumpCollector {
  private buf = Buffer.alloc(1 << 16);
  private length = 0;
  private scanned = 0;
  dumps = 0;

  append(d: Buffer): void {
    if (this.length + d.length > this.buf.length) {
      const bigger = Buffer.alloc(Math.max(this.buf.length * 2, this.length + d.length));
      this.buf.copy(bigger, 0, 0, this.length);
      this.buf = bigger;
    }
    d.copy(this.buf, this.length);
    this.length += d.length;
    while (this.scanned + HEADER <= this.length && this.buf.readUInt32LE(this.scanned) === MAGIC) {
      const end = this.scanned + HEADER + this.buf.readUInt32LE(this.scanned + 4);
      if (end > this.length) break;
      this.scanned = end;
      this.dumps++;
    }
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

/** Names addresses by the function containing them, and tells samples taken in `hlt`. */
export class Symbolizer {
  private readonly starts: number[];
  constructor(private readonly syms: ImageSymbols, private readonly image: Uint8Array) {
    this.starts = syms.functions.map((f) => f.address);
  }

  functionAt(addr: number): { name: string; address: number; size: number } | undefined {
    let lo = 0, hi = this.starts.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] <= addr) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    const f = found >= 0 ? this.syms.functions[found] : undefined;
    return f && addr < f.address + Math.max(f.size, 1) ? f : undefined;
  }

  name(addr: number): string {
    return this.functionAt(addr)?.name ?? UNKNOWN;
  }

  /** An eip right after a `hlt` instruction of its function (decoded from the function's
   *  start, so a 0xF4 byte inside another instruction does not count). */
  afterHlt(eip: number): boolean {
    const f = this.functionAt(eip - 1);
    if (!f) return false;
    const off = SECTOR_SIZE + f.address - DEFAULT_LOAD_ADDRESS;
    const code = this.image.subarray(off, off + f.size);
    const d = new Decoder(32, code, DecoderOptions.None);
    d.ip = BigInt(f.address);
    while (d.canDecode) {
      const ins = d.decode();
      const next = Number(ins.nextIP);
      if (next === eip) return ins.code === Code.Hlt;
      if (next > eip) return false;
    }
    return false;
  }

  /** Root first: the callers from the return addresses (each minus 1: the call, not what
   *  follows it), then the interrupted function, then [idle] for a sample taken in `hlt`. */
  stack(sample: number[]): string[] {
    const [eip, top] = sample;
    const frames = sample.slice(2).reverse().map((ret) => this.name(ret - 1));
    // On a function's first instruction its frame is not made yet: ebp is still the caller's,
    // whose own caller the walk found first; the caller is the return address on the stack.
    if (this.functionAt(eip)?.address === eip) frames.push(this.name(top - 1));
    frames.push(this.name(eip));
    if (this.afterHlt(sample[0])) frames.push(IDLE);
    return frames;
  }
}

/** Folded stacks: "root;…;leaf count" per distinct stack, sorted (deterministic). */
export function foldStacks(stacks: string[][]): string {
  const counts = new Map<string, number>();
  for (const s of stacks) {
    const key = s.join(';');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.keys()].sort().map((k) => `${k} ${counts.get(k)}\n`).join('');
}

export interface TopRow {
  name: string;
  self: number;
  total: number;
}

/** Per function: samples it was the leaf of (self) and samples it was anywhere in (total). */
export function topTable(stacks: string[][]): TopRow[] {
  const rows = new Map<string, TopRow>();
  const row = (name: string) => rows.get(name) ?? rows.set(name, { name, self: 0, total: 0 }).get(name)!;
  for (const s of stacks) {
    row(s[s.length - 1]).self++;
    for (const name of new Set(s)) row(name).total++;
  }
  return [...rows.values()].sort((a, b) => b.self - a.self || b.total - a.total || (a.name < b.name ? -1 : 1));
}

export function formatTop(rows: TopRow[], samples: number, n: number): string {
  const pct = (k: number) => `${((100 * k) / Math.max(samples, 1)).toFixed(1)}%`.padStart(6);
  const lines = [`${'self'.padStart(6)} ${'%'.padStart(6)} ${'total'.padStart(6)} ${'%'.padStart(6)}  function  (${samples} samples)`];
  for (const r of rows.slice(0, n)) lines.push(`${String(r.self).padStart(6)} ${pct(r.self)} ${String(r.total).padStart(6)} ${pct(r.total)}  ${r.name}`);
  return lines.join('\n') + '\n';
}

interface Node { name: string; count: number; children: Map<string, Node> }

const WIDTH = 1200, ROW = 17, FONT = 11, CHAR = 6.2;

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A colour from the name (a stable hash), warm for code, blue-grey for idle. */
function colour(name: string): string {
  if (name === IDLE) return 'rgb(160,170,190)';
  let h = 0;
  for (let k = 0; k < name.length; k++) h = (h * 31 + name.charCodeAt(k)) >>> 0;
  return `rgb(${205 + (h % 50)},${80 + ((h >>> 8) % 130)},${(h >>> 16) % 60})`;
}

/** A flame graph (root at the bottom, width ∝ samples), one <rect> and <title> per frame;
 *  no script, no external reference: the same input gives the same bytes. */
export function flameGraphSvg(stacks: string[][], title: string): string {
  const root: Node = { name: 'all', count: 0, children: new Map() };
  let depth = 0;
  for (const s of stacks) {
    root.count++;
    let n = root;
    for (const name of s) {
      let c = n.children.get(name);
      if (!c) n.children.set(name, (c = { name, count: 0, children: new Map() }));
      c.count++;
      n = c;
    }
    depth = Math.max(depth, s.length);
  }
  const height = (depth + 1) * ROW + 40;
  const scale = (WIDTH - 20) / Math.max(root.count, 1);
  const out: string[] = [];
  const draw = (n: Node, x: number, level: number) => {
    const w = n.count * scale;
    if (w < 0.3) return;
    const y = height - 10 - (level + 1) * ROW;
    const pct = ((100 * n.count) / Math.max(root.count, 1)).toFixed(2);
    const label = w > 3 * CHAR ? n.name.slice(0, Math.floor(w / CHAR) - 1) : '';
    out.push(`<g><title>${escapeXml(`${n.name} (${n.count} samples, ${pct}%)`)}</title>` +
      `<rect x="${x.toFixed(2)}" y="${y}" width="${w.toFixed(2)}" height="${ROW - 1}" fill="${colour(n.name)}" rx="2"/>` +
      (label ? `<text x="${(x + 3).toFixed(2)}" y="${y + ROW - 5}">${escapeXml(label)}</text>` : '') + '</g>');
    let cx = x;
    for (const c of [...n.children.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      draw(c, cx, level + 1);
      cx += c.count * scale;
    }
  };
  draw(root, 10, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="monospace" font-size="${FONT}">\n` +
    `<rect width="100%" height="100%" fill="#fdfdf6"/>\n` +
    `<text x="${WIDTH / 2}" y="20" text-anchor="middle" font-size="14">${escapeXml(title)}</text>\n` +
    out.join('\n') + '\n</svg>\n';
}
