// A tiny constraint solver: Sudoku by constraint propagation (candidate bit sets per cell,
// naked singles and hidden singles) and backtracking search on the cell with the fewest
// candidates, as in Norvig's solver — typed, over Int32Array-free plain arrays.

type Grid = number[];

const UNITS: number[][] = [];
for (let r = 0; r < 9; r++) UNITS.push(Array.from({ length: 9 }, (_, c) => r * 9 + c));
for (let c = 0; c < 9; c++) UNITS.push(Array.from({ length: 9 }, (_, r) => r * 9 + c));
for (let b = 0; b < 9; b++) {
  const r0 = Math.floor(b / 3) * 3, c0 = (b % 3) * 3;
  UNITS.push(Array.from({ length: 9 }, (_, i) => (r0 + Math.floor(i / 3)) * 9 + c0 + (i % 3)));
}
const PEERS: number[][] = Array.from({ length: 81 }, (_, cell) => {
  const set = new Set<number>();
  for (const u of UNITS) if (u.includes(cell)) for (const p of u) if (p !== cell) set.add(p);
  return [...set].sort((a, b) => a - b);
});

const ALL = 0x1ff;
let searches = 0;

function bitCount(x: number): number {
  let n = 0;
  while (x !== 0) {
    x &= x - 1;
    n++;
  }
  return n;
}

function digitOf(bit: number): number {
  return 31 - Math.clz32(bit) + 1;
}

/** Removes digit bit `d` from `cell`; false on a contradiction. */
function eliminate(g: Grid, cell: number, d: number): boolean {
  if ((g[cell] & d) === 0) return true;
  g[cell] &= ~d;
  const left = g[cell];
  if (left === 0) return false;
  if (bitCount(left) === 1) for (const p of PEERS[cell]) if (!eliminate(g, p, left)) return false;
  for (const u of UNITS) {
    if (!u.includes(cell)) continue;
    const places = u.filter((c) => (g[c] & d) !== 0);
    if (places.length === 0) return false;
    if (places.length === 1 && !assign(g, places[0], d)) return false;
  }
  return true;
}

function assign(g: Grid, cell: number, d: number): boolean {
  const others = g[cell] & ~d;
  for (let bit = 1; bit <= 256; bit <<= 1) if ((others & bit) !== 0 && !eliminate(g, cell, bit)) return false;
  return true;
}

function parse(text: string): Grid | null {
  const g: Grid = new Array<number>(81).fill(ALL);
  const chars = [...text].filter((c) => c === '.' || c === '0' || (c >= '1' && c <= '9'));
  for (let i = 0; i < 81; i++) {
    const c = chars[i];
    if (c >= '1' && c <= '9' && !assign(g, i, 1 << (Number(c) - 1))) return null;
  }
  return g;
}

function search(g: Grid | null): Grid | null {
  if (g === null) return null;
  searches++;
  let best = -1, bestCount = 10;
  for (let i = 0; i < 81; i++) {
    const n = bitCount(g[i]);
    if (n > 1 && n < bestCount) {
      best = i;
      bestCount = n;
    }
  }
  if (best < 0) return g;
  for (let bit = 1; bit <= 256; bit <<= 1) {
    if ((g[best] & bit) === 0) continue;
    const copy = g.slice();
    const solved = assign(copy, best, bit) ? search(copy) : null;
    if (solved) return solved;
  }
  return null;
}

function show(g: Grid): string {
  const rows: string[] = [];
  for (let r = 0; r < 9; r++) {
    let line = '';
    for (let c = 0; c < 9; c++) line += (c % 3 === 0 && c > 0 ? '|' : '') + digitOf(g[r * 9 + c]);
    rows.push(line);
    if (r % 3 === 2 && r < 8) rows.push('---+---+---');
  }
  return rows.join('\n');
}

const puzzles = [
  '003020600900305001001806400008102900700000008006708200002609500800203009005010300',
  '4.....8.5.3..........7......2.....6.....8.4......1.......6.3.7.5..2.....1.4......',
  '11...............................................................................',
];
for (const p of puzzles) {
  searches = 0;
  const solved = search(parse(p));
  console.log(solved ? show(solved) : 'no solution', '\nsearches:', searches);
}
