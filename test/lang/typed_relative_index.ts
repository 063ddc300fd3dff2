// slice/subarray/fill with edge-case indices (the toIntegerOrInfinity fast path)
const a = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
const idx = [0, -0, 1, -1, 2.5, -2.5, 7.9, -7.9, 100, -100, NaN, Infinity, -Infinity, 2147483647, -2147483648, 2147483648, 4294967297, -4294967297, 1e20, -1e-300, 0.5, -0.5];
for (const i of idx) {
  console.log(i, Array.from(a.slice(i)).join(','), Array.from(a.subarray(0, i)).join(','), Array.from(a.slice(i, -i)).join(','));
}
const b = new Uint8Array(8);
b.fill(9, -3.7, 7.2);
console.log(Array.from(b).join(','));
console.log(Array.from(a.copyWithin(-0, 5.9)).join(','));
