// A tokenizer and recursive-descent evaluator for arithmetic with variables and functions.

type TokenKind = 'num' | 'ident' | 'op' | 'lparen' | 'rparen' | 'comma' | 'eof';

interface Token {
  kind: TokenKind;
  text: string;
  pos: number;
}

class ParseError extends Error {
  constructor(message: string, readonly pos: number) {
    super(`${message} at ${pos}`);
    this.name = 'ParseError';
  }
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isIdentStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(src[i + 1] ?? ''))) {
      const start = i;
      while (i < src.length && (isDigit(src[i]) || src[i] === '.')) i++;
      tokens.push({ kind: 'num', text: src.slice(start, i), pos: start });
      continue;
    }
    if (isIdentStart(c)) {
      const start = i;
      while (i < src.length && (isIdentStart(src[i]) || isDigit(src[i]))) i++;
      tokens.push({ kind: 'ident', text: src.slice(start, i), pos: start });
      continue;
    }
    if ('+-*/^%'.includes(c)) tokens.push({ kind: 'op', text: c, pos: i });
    else if (c === '(') tokens.push({ kind: 'lparen', text: c, pos: i });
    else if (c === ')') tokens.push({ kind: 'rparen', text: c, pos: i });
    else if (c === ',') tokens.push({ kind: 'comma', text: c, pos: i });
    else throw new ParseError(`unexpected '${c}'`, i);
    i++;
  }
  tokens.push({ kind: 'eof', text: '', pos: src.length });
  return tokens;
}

type Expr =
  | { type: 'num'; value: number }
  | { type: 'var'; name: string }
  | { type: 'neg'; operand: Expr }
  | { type: 'bin'; op: string; left: Expr; right: Expr }
  | { type: 'call'; fn: string; args: Expr[] };

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos];
  }

  private next(): Token {
    return this.tokens[this.pos++];
  }

  private expect(kind: TokenKind): Token {
    const t = this.next();
    if (t.kind !== kind) throw new ParseError(`expected ${kind}, got '${t.text || 'end'}'`, t.pos);
    return t;
  }

  parse(): Expr {
    const e = this.expression();
    if (this.peek().kind !== 'eof') throw new ParseError(`unexpected '${this.peek().text}'`, this.peek().pos);
    return e;
  }

  private expression(): Expr {
    let left = this.term();
    while (this.peek().kind === 'op' && (this.peek().text === '+' || this.peek().text === '-')) {
      const op = this.next().text;
      left = { type: 'bin', op, left, right: this.term() };
    }
    return left;
  }

  private term(): Expr {
    let left = this.factor();
    while (this.peek().kind === 'op' && ['*', '/', '%'].includes(this.peek().text)) {
      const op = this.next().text;
      left = { type: 'bin', op, left, right: this.factor() };
    }
    return left;
  }

  private factor(): Expr {
    const base = this.unary();
    if (this.peek().kind === 'op' && this.peek().text === '^') {
      this.next();
      return { type: 'bin', op: '^', left: base, right: this.factor() };
    }
    return base;
  }

  private unary(): Expr {
    if (this.peek().kind === 'op' && this.peek().text === '-') {
      this.next();
      return { type: 'neg', operand: this.unary() };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.next();
    switch (t.kind) {
      case 'num':
        return { type: 'num', value: parseFloat(t.text) };
      case 'ident': {
        if (this.peek().kind !== 'lparen') return { type: 'var', name: t.text };
        this.next();
        const args: Expr[] = [];
        if (this.peek().kind !== 'rparen') {
          args.push(this.expression());
          while (this.peek().kind === 'comma') {
            this.next();
            args.push(this.expression());
          }
        }
        this.expect('rparen');
        return { type: 'call', fn: t.text, args };
      }
      case 'lparen': {
        const e = this.expression();
        this.expect('rparen');
        return e;
      }
      default:
        throw new ParseError(`unexpected '${t.text || 'end'}'`, t.pos);
    }
  }
}

const functions = new Map<string, (...args: number[]) => number>([
  ['sqrt', (...xs) => Math.sqrt(xs[0])],
  ['max', (...xs) => Math.max(...xs)],
  ['min', (...xs) => Math.min(...xs)],
  ['abs', (...xs) => Math.abs(xs[0])],
]);

function evaluate(e: Expr, env: Map<string, number>): number {
  switch (e.type) {
    case 'num':
      return e.value;
    case 'var': {
      const v = env.get(e.name);
      if (v === undefined) throw new Error(`unknown variable ${e.name}`);
      return v;
    }
    case 'neg':
      return -evaluate(e.operand, env);
    case 'bin': {
      const a = evaluate(e.left, env);
      const b = evaluate(e.right, env);
      switch (e.op) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/': return a / b;
        case '%': return a % b;
        case '^': return a ** b;
      }
      throw new Error(`bad operator ${e.op}`);
    }
    case 'call': {
      const f = functions.get(e.fn);
      if (!f) throw new Error(`unknown function ${e.fn}`);
      return f(...e.args.map((a) => evaluate(a, env)));
    }
  }
}

function show(e: Expr): string {
  switch (e.type) {
    case 'num': return String(e.value);
    case 'var': return e.name;
    case 'neg': return `(-${show(e.operand)})`;
    case 'bin': return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'call': return `${e.fn}(${e.args.map(show).join(', ')})`;
  }
}

const env = new Map<string, number>([['x', 3], ['y', 4], ['pi', Math.PI]]);
const inputs = [
  '1 + 2 * 3',
  '(1 + 2) * 3',
  '2 ^ 3 ^ 2',
  '-x ^ 2',
  'sqrt(x*x + y*y)',
  'max(1, x, y, 2) - min(5, 7)',
  '10 % 4 + .5',
  'pi * 2',
  '1 / 0',
  '3 +',
  'foo(1)',
  '2 $ 3',
  'z + 1',
  '((1)',
];
for (const input of inputs) {
  try {
    const ast = new Parser(tokenize(input)).parse();
    console.log(`${input.padEnd(28)} => ${show(ast)} = ${evaluate(ast, env)}`);
  } catch (err) {
    if (err instanceof ParseError) console.log(`${input.padEnd(28)} !! ${err.name}: ${err.message} (pos ${err.pos})`);
    else if (err instanceof Error) console.log(`${input.padEnd(28)} !! ${err.message}`);
  }
}
console.log(tokenize('a1 + 2.5').map((t) => `${t.kind}:${t.text}`).join(' '));
