// charCodeAt converts its index with ToIntegerOrInfinity: 1.7 → 1, NaN → 0, -0.5 → 0.
const a: string = 'hello';
console.log(a.charCodeAt(1.7), a.charCodeAt(0 / 0), a.charCodeAt(4.99), a.charCodeAt(-0.5));
