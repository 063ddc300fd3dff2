// FizzBuzz 1..100 and a few variants: the classic output, line for line.

for (let i = 1; i <= 100; i++) {
  if (i % 15 === 0) console.log('FizzBuzz');
  else if (i % 3 === 0) console.log('Fizz');
  else if (i % 5 === 0) console.log('Buzz');
  else console.log(i);
}
let line = '';
for (let i = 1; i <= 30; i++) {
  let word = '';
  if (i % 3 === 0) word += 'Fizz';
  if (i % 5 === 0) word += 'Buzz';
  if (i % 7 === 0) word += 'Bazz';
  const sep: string = i < 30 ? ',' : '';
  line += (word === '' ? `${i}` : word) + sep;
}
console.log(line);
