// A recursive-descent calculator over strings: module-level cursor state, mutual recursion,
// charCodeAt scanning, integer results.

let src = '';
let pos = 0;
let error = '';

function peek(): number {
  while (pos < src.length && src.charCodeAt(pos) === 32) pos++;
  return pos < src.length ? src.charCodeAt(pos) : -1;
}
function expr(): number {
  let v = term();
  while (true) {
    const c = peek();
    if (c === 43) {
      pos++;
      v = v + term();
    } else if (c === 45) {
      pos++;
      v = v - term();
    } else {
      return v;
    }
  }
}
function term(): number {
  let v = unary();
  while (true) {
    const c = peek();
    if (c === 42) {
      pos++;
      v = v * unary();
    } else if (c === 47) {
      pos++;
      const d = unary();
      if (d === 0) {
        error = 'division by zero';
        return 0;
      }
      v = (v - (v % d)) / d;
    } else if (c === 37) {
      pos++;
      v = v % unary();
    } else {
      return v;
    }
  }
}
function unary(): number {
  if (peek() === 45) {
    pos++;
    return -unary();
  }
  return primary();
}
function primary(): number {
  const c = peek();
  if (c === 40) {
    pos++;
    const v = expr();
    if (peek() !== 41) error = `expected ) at ${pos}`;
    else pos++;
    return v;
  }
  if (c < 48 || c > 57) {
    error = `unexpected character at ${pos}`;
    return 0;
  }
  let v = 0;
  while (pos < src.length && src.charCodeAt(pos) >= 48 && src.charCodeAt(pos) <= 57) {
    v = v * 10 + (src.charCodeAt(pos) - 48);
    pos++;
  }
  return v;
}
function evaluate(text: string): string {
  src = text;
  pos = 0;
  error = '';
  const v = expr();
  if (error === '' && peek() !== -1) error = `trailing input at ${pos}`;
  return error === '' ? `${text} = ${v}` : `${text} : ${error}`;
}
console.log(evaluate('1 + 2 * 3'));
console.log(evaluate('(1 + 2) * 3'));
console.log(evaluate('2 * (3 + 4) * 5 - 6 / 2'));
console.log(evaluate('-7 % 3'));
console.log(evaluate('--5'));
console.log(evaluate('100 / 7 / 2'));
console.log(evaluate('((((((1))))))'));
console.log(evaluate('1 + (2'));
console.log(evaluate('4 / (2 - 2)'));
console.log(evaluate('3 $ 4'));
console.log(evaluate('12345679 * 9 * 8'));
console.log(evaluate('2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2 - 1'));
console.log(evaluate(''));
