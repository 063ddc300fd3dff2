// JSON.parse of malformed text throws SyntaxError with Node 20's message and position,
// whatever type the program states for the result.

interface Point {
  x: number;
  y: number;
}

const texts: string[] = [
  '', ' ', '{', '[', '{"x":1,}', '[1,]', '{"x" 1}', '{x:1}', '[1 2]', 'tru', 'truex', '1 2',
  '"abc', '"a\\x"', '"a\nb"', '01', '-', '1.', '1e', '{"x":1}}', 'nul', '{"x":}', '{,}',
  '"\\u12G4"', '{"x":1 "y":2}', '{"x":1', '[1', '"a', 'x', '}', '-x', '1.5e+', '{"x"', '{"x":',
  '{"x":1,"y"}', '{"x":1,"y" 2}', '[1,2,3,4,5,6,7,8,9,x]', '{"abcdefghijklmnop": 12345, "x": ]}',
  '[1,2,3,4,5,6,7,8,9,0,x,2,3,4,5,6,7,8,9,0,1,2,3,4]', '"a\\', '[-]', '\u00e9', '{"x":1,"y":[1,2,{"c":tru}]}',
];

for (const t of texts) {
  try {
    const p = JSON.parse(t) as Point;
    console.log(JSON.stringify(t), 'parsed', p.x);
  } catch (e) {
    const err = e as Error;
    console.log(JSON.stringify(t), err instanceof SyntaxError, err.name + ': ' + err.message);
  }
}

// Well-formed text parses, with spaces anywhere between tokens.
const p = JSON.parse(' \t\n\r{ "y" : -0.5e1 , "x" : 10 } \n') as Point;
console.log(p.x, p.y);
