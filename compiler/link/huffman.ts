// The entropy stage of the packed stream (literals.ts): lz.ts's bytes coded with one static,
// canonical Huffman code, so that the common bytes — ASCII letters, small varints, the symbol
// table's one-byte line rows — take fewer than eight bits. Canonical codes are given by their
// lengths alone, so the table is small and the decoder (runtime/kernel/literals.ts) needs no
// tree and no heap: it reads a bit at a time, comparing against the first code of each length.
//
//   u16 × 15   how many symbols have a code of 1 … 15 bits
//   u8 × n     the symbols (n: the counts' sum), by code length, then byte value
//   bits       the codes, first bit the most significant of its byte
// The coded length (how many bytes to decode) is the caller's to store.

export const HUFFMAN_MAX_BITS = 15;
export const HUFFMAN_COUNTS = 2 * HUFFMAN_MAX_BITS;

/** `input` coded; deterministic. */
export function huffmanEncode(input: Uint8Array): Uint8Array {
  const freq = new Array<number>(256).fill(0);
  for (const b of input) freq[b]++;
  const length = codeLengths(freq);
  const symbols = [...length.keys()].filter((s) => length[s] > 0).sort((a, b) => length[a] - length[b] || a - b);
  const counts = new Array<number>(HUFFMAN_MAX_BITS + 1).fill(0);
  for (const s of symbols) counts[length[s]]++;
  const codes = new Array<number>(256).fill(0);
  let code = 0;
  let k = 0;
  for (let len = 1; len <= HUFFMAN_MAX_BITS; len++, code <<= 1)
    for (let n = 0; n < counts[len]; n++) codes[symbols[k++]] = code++;
  const out: number[] = [];
  for (let len = 1; len <= HUFFMAN_MAX_BITS; len++) out.push(counts[len] & 0xff, counts[len] >>> 8);
  out.push(...symbols);
  let acc = 0;
  let bits = 0;
  for (const b of input) {
    for (let i = length[b] - 1; i >= 0; i--) {
      acc = (acc << 1) | ((codes[b] >>> i) & 1);
      if (++bits === 8) {
        out.push(acc);
        acc = 0;
        bits = 0;
      }
    }
  }
  if (bits > 0) out.push(acc << (8 - bits));
  return Uint8Array.from(out);
}

/** The host's decoder: `count` bytes from `block` (the guest's is runtime/kernel/literals.ts). */
export function huffmanDecode(block: Uint8Array, count: number): Uint8Array {
  if (block.length < HUFFMAN_COUNTS) throw new Error('huffman: truncated table');
  const counts = Array.from({ length: HUFFMAN_MAX_BITS }, (_, i) => block[2 * i] | (block[2 * i + 1] << 8));
  const symbolsAt = HUFFMAN_COUNTS;
  let bitAt = 8 * (symbolsAt + counts.reduce((a, b) => a + b, 0));
  const out = new Uint8Array(count);
  for (let o = 0; o < count; o++) {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; ; len++) {
      if (len > HUFFMAN_MAX_BITS || bitAt >= 8 * block.length) throw new Error('huffman: bad code');
      code |= (block[bitAt >>> 3] >>> (7 - (bitAt & 7))) & 1;
      bitAt++;
      if (code - first < counts[len - 1]) {
        out[o] = block[symbolsAt + index + code - first];
        break;
      }
      index += counts[len - 1];
      first = (first + counts[len - 1]) << 1;
      code <<= 1;
    }
  }
  return out;
}

/** Code lengths for `freq`, none above HUFFMAN_MAX_BITS: when the optimal code has longer
 *  ones, the rare bytes' counts are halved (kept above 0) until it does not. */
function codeLengths(freq: readonly number[]): number[] {
  for (let f = [...freq]; ; f = f.map((w) => (w === 0 ? 0 : (w >> 1) | 1))) {
    const lengths = huffmanLengths(f);
    if (Math.max(...lengths) <= HUFFMAN_MAX_BITS) return lengths;
  }
}

/** Optimal code lengths (Huffman's merge of the two lightest; ties by creation order). */
function huffmanLengths(freq: readonly number[]): number[] {
  const lengths = new Array<number>(256).fill(0);
  let nodes = freq.map((w, s) => ({ w, syms: [s], order: s })).filter((n) => n.w > 0);
  if (nodes.length === 1) lengths[nodes[0].syms[0]] = 1;
  let order = 256;
  while (nodes.length > 1) {
    nodes.sort((a, b) => a.w - b.w || a.order - b.order);
    const [a, b] = nodes;
    for (const s of [...a.syms, ...b.syms]) lengths[s]++;
    nodes = [{ w: a.w + b.w, syms: [...a.syms, ...b.syms], order: order++ }, ...nodes.slice(2)];
  }
  return lengths;
}
