// console.log prints -0 as "-0" (util.inspect), while String(-0), template literals and
// concatenation give "0".
const z = -0;
let w = 0;
w = -w;
console.log(-0, z, w, 0 * -1, -10 % 5);
console.log(`${z}`, '' + w);
