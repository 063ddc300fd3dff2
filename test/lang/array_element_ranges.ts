// Local number arrays whose elements come back as indices, counters and integer arithmetic
// (compiler/opt/elements.ts gives such reads a range; int-narrow.ts then keeps them in integer
// registers): what is read must be exactly what was stored, -0, fractions, NaN and values beyond
// 32 bits included, and an array that escapes or is popped knows nothing.

// fannkuch-redux's flips, n = 6: elements moved between two arrays and used as indices.
function fannkuch(n: number): string {
  const perm: number[] = [], perm1: number[] = [], count: number[] = [];
  for (let i = 0; i < n; i++) {
    perm.push(0);
    perm1.push(i);
    count.push(0);
  }
  let maxFlips = 0, checksum = 0, permCount = 0, r = n;
  while (true) {
    while (r !== 1) {
      count[r - 1] = r;
      r--;
    }
    for (let i = 0; i < n; i++) perm[i] = perm1[i];
    let flips = 0;
    let k = perm[0];
    while (k !== 0) {
      let i = 0, j = k;
      while (i < j) {
        const t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
        i++;
        j--;
      }
      flips++;
      k = perm[0];
    }
    if (flips > maxFlips) maxFlips = flips;
    checksum += permCount % 2 === 0 ? flips : -flips;
    while (true) {
      if (r === n) return `${checksum} ${maxFlips} ${count.join(',')} ${perm.join(',')}`;
      const p0 = perm1[0];
      for (let i = 0; i < r; i++) perm1[i] = perm1[i + 1];
      perm1[r] = p0;
      count[r]--;
      if (count[r] > 0) break;
      r++;
    }
    permCount++;
  }
}

// -0 stored and read back: still -0 (printed, divided by), and a valid index (0).
function negativeZero(): void {
  const a: number[] = [];
  a.push(7);
  a.push(-0);
  a.push(4);
  const z = a[1];
  console.log(z, 1 / z, a[z], z === 0, z | 0, z + 0, -z);
  let k = a[1];
  let n = 0;
  while (k < 3) {
    n += a[k];
    k++;
  }
  console.log(n, k);
}

// A fraction among integers: used as an index only where it is one.
function fractions(): void {
  const a: number[] = [3, 0, 2, 1];
  a.push(1.5);
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const k = a[i];
    if (Number.isInteger(k) && k < a.length) s += a[k] * 10;
    else s += k;
  }
  console.log(s, a[4] * 2, a[4] | 0, a[4] % 1);
}

// NaN stored: comparisons with it are false, and it is not an index.
function nan(): void {
  const a: number[] = [1, 2];
  a.push(NaN);
  const x = a[2];
  console.log(x, x === x, x < 1, x >= 1, x !== 0, a[0] + a[1], x | 0);
}

// Values at and beyond the 32-bit limits: no wrapping anywhere.
function wide(): void {
  const a: number[] = [];
  a.push(2 ** 32);
  a.push(2 ** 31);
  a.push(-(2 ** 31) - 1);
  a.push(4294967295);
  a.push(2 ** 53);
  a.push(-1);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    console.log(v, v + 1, v - 1, v * 2, v | 0, v >>> 0, v % 7, v < 2 ** 31, v === 2 ** 32);
  }
  const k = a[1];
  let steps = 0;
  for (let j = k - 3; j < k + 3; j++) steps += j - k;
  console.log(steps, k + k);
}

// A value that grows around a loop past 2^53 (then rounds): the doubles' results, not 32-bit ones.
function growing(): void {
  const c: number[] = [1, 0];
  for (let i = 0; i < 40; i++) {
    c[0] = c[0] * 3 + 1;
    c[1] = c[1] - 100000007;
  }
  console.log(c[0], c[1], c[0] % 1000, c[1] | 0);
  const d: number[] = [0];
  for (let i = 0; i < 70; i++) d[0] = d[0] + 2 ** 46;
  console.log(d[0], d[0] >>> 0, d[0] - 1);
}

// Counters kept in an array, decremented below zero and used as indices while in range.
function counters(): void {
  const count: number[] = [3, 3, 3];
  const hits: number[] = [0, 0, 0, 0];
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < count.length; i++) {
      count[i]--;
      const c = count[i];
      if (c >= 0) hits[c]++;
      else hits[3] += c;
    }
  }
  console.log(count.join(' '), hits.join(' '));
}

function spoil(a: number[]): void {
  a[0] = 0.25;
  a.push(-0);
}

// An array that escapes to a function which stores a fraction, and one that is popped and
// pushed again: both read back as stored.
function escapes(): void {
  const a: number[] = [1, 2, 3];
  spoil(a);
  const k = a[0];
  console.log(k, k * 4, a[3], 1 / a[3], a.length);
  const b: number[] = [5, 6];
  const top = b.pop()!;
  b.push(top + 0.5);
  b.push(2);
  const m = b[b.length - 1];
  console.log(b[1], b[m - 1], top, b.join(','));
}

console.log(fannkuch(6));
negativeZero();
fractions();
nan();
wide();
growing();
counters();
escapes();
