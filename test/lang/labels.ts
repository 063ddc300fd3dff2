// Labelled break and continue across nested loops of every kind.

let out = '';
outer: for (let i = 0; i < 5; i++) {
  for (let j = 0; j < 5; j++) {
    if (j === 3) continue outer;
    if (i === 3) break outer;
    out += `${i}${j} `;
  }
  out += '| ';
}
console.log(out);
out = '';
let i = 0;
rows: while (i < 4) {
  i++;
  let j = 0;
  do {
    j++;
    if (j === i) continue rows;
    out += `${i}.${j} `;
  } while (j < 4);
  out += '! ';
}
console.log(out);
// finding a pair with a given sum, leaving both loops at once
let found = '';
search: for (let a = 1; a < 50; a++) {
  for (let b = a; b < 50; b++) {
    if (a * a + b * b === 25 * 25 && a > 10) {
      found = `${a},${b}`;
      break search;
    }
  }
}
console.log('pythagoras', found);
// three levels, continue to the middle one
let count = 0;
for (let x = 0; x < 4; x++) {
  middle: for (let y = 0; y < 4; y++) {
    for (let z = 0; z < 4; z++) {
      if (z > y) continue middle;
      if (x + y + z > 6) break middle;
      count++;
    }
  }
}
console.log('count', count);
// a labelled block-less loop with a plain break inside an inner loop
let hits = 0;
loop: for (let a = 0; a < 3; a++) {
  for (let b = 0; b < 10; b++) {
    if (b === 2) break;
    hits++;
  }
  if (a === 1) continue loop;
  hits += 10;
}
console.log('hits', hits);
