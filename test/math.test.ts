// Math must be bit-identical to Node's (V8's) for every input: these tests compare results bit
// for bit on many seeded pseudo-random inputs per function.
//
// 1. On Node: runtime/js/math*.ts transpiled to JavaScript, with `tsuk:hw` and the heap replaced
//    by a DataView over an ArrayBuffer, against V8's Math on ~30k inputs per function. This
//    checks the algorithms alone, fast, and without QEMU.
// 2. In the guest: one generated program draws inputs from a seeded xorshift generator (pure
//    integer arithmetic, so Node and tsuk draw the same doubles), applies every Math function
//    and prints input and result bits in hex, computed arithmetically (independent of the
//    number formatter). Node runs the same program; the outputs must be identical. This
//    checks the compiled code: the backend's f64 arithmetic, conversions and intrinsics.

import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { qemuAvailable, QEMU } from '../cli/qemu';
import { ROOT, runTsuk, tempDir } from './support/lang';

const UNARY = [
  'abs', 'sign', 'floor', 'ceil', 'round', 'trunc', 'sqrt', 'cbrt', 'exp', 'expm1', 'log', 'log1p', 'log2', 'log10',
  'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'fround', 'clz32',
] as const;
const BINARY = ['pow', 'atan2', 'max', 'min', 'imul', 'hypot'] as const;

type MathFn = (...args: number[]) => number;

// ---- 1. the runtime's algorithms, run on Node ----

/** runtime/js/math*.ts as CommonJS modules on Node, `tsuk:hw` and ./heap shimmed. */
function loadRuntimeMathOnNode(dir: string): Record<string, MathFn> {
  const ts = require('typescript') as typeof import('typescript');
  fs.writeFileSync(
    path.join(dir, 'hw.js'),
    `const dv = new DataView(new ArrayBuffer(65536));
exports.load32 = (a) => dv.getUint32(a, true);
exports.store32 = (a, v) => dv.setUint32(a, v, true);
exports.loadF64 = (a) => dv.getFloat64(a, true);
exports.storeF64 = (a, v) => dv.setFloat64(a, v, true);
exports.sqrt = Math.sqrt;\n`,
  );
  fs.writeFileSync(path.join(dir, 'heap.js'), 'let next = 8;\nexports.allocate = (n) => { const a = next; next += (n + 7) & ~7; return a; };\n');
  const files = fs.readdirSync(path.join(ROOT, 'runtime/js')).filter((f) => /^math(-.*)?\.ts$/.test(f));
  for (const f of files) {
    const js = ts
      .transpileModule(fs.readFileSync(path.join(ROOT, 'runtime/js', f), 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
      })
      .outputText.replace(/require\("tsuk:hw"\)/g, 'require("./hw")')
      .replace(/require\("\.\.\/memory\/heap"\)/g, 'require("./heap")');
    fs.writeFileSync(path.join(dir, f.replace(/\.ts$/, '.js')), js);
  }
  return require(path.join(dir, 'math.js'));
}

/** Deterministic doubles of several shapes (mulberry32 underneath). */
class Inputs {
  private state: number;
  private readonly view = new DataView(new ArrayBuffer(8));
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  u32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  unit(): number {
    return this.u32() / 4294967296;
  }
  /** Any bit pattern: every exponent equally likely, NaNs and subnormals included. */
  anyBits(): number {
    this.view.setUint32(0, this.u32());
    this.view.setUint32(4, this.u32());
    return this.view.getFloat64(0);
  }
  /** ±(1 + f)·2^e with e uniform in [lo, hi]. */
  magnitude(lo: number, hi: number): number {
    const e = lo + Math.floor(this.unit() * (hi - lo + 1));
    return (this.u32() & 1 ? -1 : 1) * (1 + this.unit()) * 2 ** e;
  }
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.unit();
  }
  /** A double a few ulps from x. */
  near(x: number, ulps: number): number {
    this.view.setFloat64(0, x);
    this.view.setBigInt64(0, this.view.getBigInt64(0) + BigInt(Math.floor((this.unit() * 2 - 1) * ulps)));
    return this.view.getFloat64(0);
  }
}

const SPECIALS = [
  0, -0, 1, -1, 0.5, -0.5, 1.5, -1.5, 2, -2, 2.5, -2.5, 3, Infinity, -Infinity, NaN, Number.MIN_VALUE, -Number.MIN_VALUE,
  2.2250738585072014e-308, 2.225073858507201e-308, Number.MAX_VALUE, -Number.MAX_VALUE, Math.PI, Math.PI / 2, Math.PI / 4,
  Math.E, 0.49999999999999994, -0.49999999999999994, 2 ** 52, 2 ** 52 + 1, 2 ** 52 - 0.5, -(2 ** 52 - 0.5), 2 ** 53, 2 ** 31,
  2 ** 32, -(2 ** 31), 4294967295, 709.782712893384, 709.79, -745.1332191019411, -745.14, 710.4758600739439, 22, 1e22,
  1e300, 1e-300, 3.4028234663852886e38, 3.4028235677973366e38, 3.4028235677973362e38, 1.401298464324817e-45,
  7.006492321624085e-46, 7.006492321624087e-46, 1.1754942106924411e-38, 0.1, 1 / 3,
];

function interestingFor(name: string, g: Inputs): number {
  switch (name) {
    case 'asin': case 'acos': case 'atanh':
      return g.range(-1.1, 1.1);
    case 'log': case 'log2': case 'log10': case 'log1p':
      return g.u32() & 1 ? g.near(1, 2 ** 32) : g.magnitude(-1074, 1023) * (g.u32() & 3 ? 1 : -1);
    case 'exp': case 'expm1': case 'sinh': case 'cosh': case 'tanh':
      return g.range(-750, 750);
    case 'sin': case 'cos': case 'tan':
      return g.u32() & 1 ? g.near(Math.floor(g.unit() * 2 ** 20) * (Math.PI / 2), 64) : g.magnitude(-30, 1023);
    case 'fround':
      return g.magnitude(-160, 130);
    default:
      return g.u32() & 1 ? g.range(-100, 100) : Math.floor(g.range(-40, 40)) / 2;
  }
}

function unaryInputs(name: string, n: number, seed: number): number[] {
  const g = new Inputs(seed);
  const xs = [...SPECIALS];
  for (let i = 0; xs.length < n; i++) {
    const k = i % 3;
    xs.push(k === 0 ? g.anyBits() : k === 1 ? g.magnitude(-60, 60) : interestingFor(name, g));
  }
  return xs;
}

function binaryInputs(name: string, n: number, seed: number): [number, number][] {
  const g = new Inputs(seed);
  const pairs: [number, number][] = [];
  for (const x of SPECIALS) for (const y of SPECIALS) pairs.push([x, y]);
  for (let i = 0; pairs.length < n; i++) {
    const k = i % 4;
    if (k === 0) pairs.push([g.anyBits(), g.anyBits()]);
    else if (k === 1) pairs.push([g.magnitude(-60, 60), g.magnitude(-60, 60)]);
    else if (name === 'pow' && k === 2) pairs.push([g.range(-4, 4), Math.floor(g.range(-1100, 1100))]);
    else if (name === 'pow') pairs.push([g.near(1, 2 ** 40), g.magnitude(0, 66)]);
    else pairs.push([g.range(-10, 10), g.range(-10, 10)]);
  }
  return pairs;
}

const view = new DataView(new ArrayBuffer(8));
function hex(x: number): string {
  if (x !== x) return 'nan';
  view.setFloat64(0, x);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}

let workDir: string;
beforeAll(() => {
  workDir = tempDir();
});
afterAll(() => {
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

describe('runtime/js/math*.ts on Node is bit-identical to V8', () => {
  let M: Record<string, MathFn>;
  beforeAll(() => {
    const dir = path.join(workDir, 'node-math');
    fs.mkdirSync(dir);
    M = loadRuntimeMathOnNode(dir);
  });

  test.each(UNARY.map((f, i) => [f, i]))('Math.%s', (name) => {
    const f = M[name as string];
    const ref = (Math as unknown as Record<string, MathFn>)[name as string];
    const bad: string[] = [];
    for (const x of unaryInputs(name as string, 30000, 1000 + (name as string).length)) {
      const a = f(x), b = ref(x);
      if (hex(a) !== hex(b) && bad.length < 10) bad.push(`${name}(${x}) [${hex(x)}]: ${a} [${hex(a)}], Node ${b} [${hex(b)}]`);
    }
    expect(bad).toEqual([]);
  });

  test.each(BINARY.map((f, i) => [f, i]))('Math.%s', (name) => {
    const f = M[name as string];
    const ref = (Math as unknown as Record<string, MathFn>)[name as string];
    const bad: string[] = [];
    for (const [x, y] of binaryInputs(name as string, 40000, 2000 + (name as string).length)) {
      const a = f(x, y), b = ref(x, y);
      if (hex(a) !== hex(b) && bad.length < 10) bad.push(`${name}(${x}, ${y}): ${a} [${hex(a)}], Node ${b} [${hex(b)}]`);
    }
    expect(bad).toEqual([]);
  });

  test('x ** y is Math.pow', () => {
    const g = new Inputs(7);
    for (let i = 0; i < 20000; i++) {
      const x = g.magnitude(-20, 20), y = g.range(-50, 50);
      expect(hex(M.pow(x, y))).toBe(hex(x ** y));
    }
  });

  test('hypotOf (three or more values) is V8 Math.hypot', () => {
    const g = new Inputs(11);
    const hypotOf = M.hypotOf as unknown as (v: number[]) => number;
    for (let i = 0; i < 5000; i++) {
      const v = Array.from({ length: 3 + (i % 4) }, () => (i % 5 === 0 ? g.anyBits() : g.magnitude(-30, 30)));
      expect(hex(hypotOf(v))).toBe(hex(Math.hypot(...v)));
    }
    expect(hypotOf([])).toBe(0);
  });
});

// ---- 2. the compiled runtime, in the guest ----

/** Inputs per function in the guest (plus the specials). */
const GUEST_INPUTS = 1000;

/**
 * The guest program. It must run identically on Node and tsuk: doubles are drawn and printed
 * with integer and power-of-two arithmetic only.
 */
function guestProgram(): string {
  const unary = UNARY.map((f) => `  unary('${f}', specials, (x: number): number => Math.${f}(x));`);
  const binary = BINARY.map((f) => `  binary('${f}', specials, (x: number, y: number): number => Math.${f}(x, y));`);
  const specials = SPECIALS.map((x) => {
    if (x !== x) return '0 / 0';
    if (x === Infinity || x === -Infinity) return x > 0 ? '1 / 0' : '-1 / 0';
    if (Object.is(x, -0)) return '-0';
    return `fromHex(${parseInt(hex(x).slice(0, 8), 16)}, ${parseInt(hex(x).slice(8), 16)})`;
  });
  return `// Generated by test/math.test.ts: bits of Math.f(x) for seeded pseudo-random x.
const HEX = '0123456789abcdef';
const POW2: number[] = []; // POW2[k + 1074] = 2^k, exactly
let state = 0x2545f491;

function fillPowers(): void {
  let p = 1;
  for (let k = 0; k < 1074; k++) p = p / 2;
  for (let k = -1074; k <= 1023; k++) {
    POW2.push(p);
    p = p * 2;
  }
}

function pow2(k: number): number {
  return POW2[k + 1074];
}

/** xorshift32 */
function next32(): number {
  let s = state;
  s = s ^ (s << 13);
  s = s ^ (s >>> 17);
  s = s ^ (s << 5);
  state = s >>> 0;
  return state;
}

/** The double with these IEEE 754 words. */
function fromHex(hi: number, lo: number): number {
  const sign = hi >>> 31 === 1 ? -1 : 1;
  const biased = (hi >>> 20) & 0x7ff;
  const fraction = (hi & 0xfffff) * 4294967296 + lo;
  if (biased === 2047) return fraction === 0 ? sign / 0 : 0 / 0;
  if (biased === 0) return sign * fraction * pow2(-1074);
  return sign * (4503599627370496 + fraction) * pow2(biased - 1075);
}

/** floor(log2 a) for a finite a > 0, by binary search in POW2. */
function exponentOf(a: number): number {
  let lo = -1074;
  let hi = 1023;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pow2(mid) <= a) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function hex8(v: number): string {
  let s = '';
  for (let i = 7; i >= 0; i--) s = s + HEX.charAt((v >>> (4 * i)) & 15);
  return s;
}

function hex(x: number): string {
  if (x !== x) return 'nan';
  const negative = x < 0 || (x === 0 && 1 / x < 0);
  const a = negative ? -x : x;
  let biased = 0;
  let fraction = 0;
  if (a === 1 / 0) {
    biased = 2047;
  } else if (a !== 0) {
    const e = exponentOf(a);
    if (e < -1022) {
      fraction = a * pow2(1000) * pow2(74);
    } else {
      biased = e + 1023;
      fraction = (a / pow2(e) - 1) * 4503599627370496;
    }
  }
  const top = (fraction / 4294967296) >>> 0;
  const hi = (negative ? 2147483648 : 0) + biased * 1048576 + top;
  return hex8(hi) + hex8(fraction - top * 4294967296);
}

function unit(): number {
  return next32() / 4294967296 + next32() / 18446744073709551616;
}

function input(i: number): number {
  const k = i % 4;
  if (k === 0) return fromHex(next32(), next32());
  if (k === 1) return (next32() % 2 === 0 ? 1 : -1) * (1 + unit()) * pow2((next32() % 121) - 60);
  if (k === 2) return (unit() * 2 - 1) * 12;
  return ((next32() % 1601) - 800) / 4;
}

function unary(name: string, specials: number[], f: (x: number) => number): void {
  console.log(name);
  for (let i = 0; i < specials.length; i++) console.log(hex(specials[i]), hex(f(specials[i])));
  for (let i = 0; i < ${GUEST_INPUTS}; i++) {
    const x = input(i);
    console.log(hex(x), hex(f(x)));
  }
}

function binary(name: string, specials: number[], f: (x: number, y: number) => number): void {
  console.log(name);
  for (let i = 0; i < specials.length; i += 3) {
    for (let j = 0; j < specials.length; j += 2) console.log(hex(specials[i]), hex(specials[j]), hex(f(specials[i], specials[j])));
  }
  for (let i = 0; i < ${GUEST_INPUTS}; i++) {
    const x = input(i);
    const y = i % 8 === 6 ? ((next32() % 201) - 100) : input(i + 1);
    console.log(hex(x), hex(y), hex(f(x, y)));
  }
}

function main(): void {
  fillPowers();
  const specials: number[] = [${specials.join(', ')}];
${unary.join('\n')}
${binary.join('\n')}
  console.log('done');
}

main();
`;
}

/** Runs the transpiled program in this Node, collecting console.log output. */
function runOnNode(source: string): string {
  const ts = require('typescript') as typeof import('typescript');
  const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText;
  const out: string[] = [];
  vm.runInNewContext(js, { console: { log: (...a: unknown[]) => out.push(a.map(String).join(' ')) } });
  return out.join('\n') + '\n';
}

const haveQemu = qemuAvailable();
if (!haveQemu) console.warn(`SKIPPED guest Math bit-exactness test: ${QEMU} is not installed`);

(haveQemu ? test : test.skip)(
  'compiled Math is bit-identical to Node in the guest',
  async () => {
    const source = guestProgram();
    const file = path.join(workDir, 'math_bits.ts');
    fs.writeFileSync(file, source);
    const expected = runOnNode(source);
    const r = await runTsuk(file, path.join(workDir, 'math_bits.img'), 120000);
    if (r.compileError !== undefined) throw new Error(r.compileError);
    expect(r.stderr).toBe('');
    const want = expected.split('\n');
    const got = r.stdout.split('\n');
    const mismatches: string[] = [];
    let fn = '';
    for (let i = 0; i < Math.max(want.length, got.length) && mismatches.length < 20; i++) {
      if (!/ /.test(want[i] ?? ' ')) fn = want[i];
      if (want[i] !== got[i]) mismatches.push(`Math.${fn}: line ${i + 1}: node ${JSON.stringify(want[i])}, tsuk ${JSON.stringify(got[i])}`);
    }
    expect(mismatches).toEqual([]);
    expect(r.status).toBe(0);
    expect(want.length).toBeGreaterThan((UNARY.length + BINARY.length) * GUEST_INPUTS);
  },
  180000,
);
