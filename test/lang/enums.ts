// Numeric, const and string enums.
enum Color { Red, Green = 5, Blue }
const enum Op { Add = 1, Mul = Add * 4 }
enum Dir { Up = 'UP', Down = 'DOWN' }
function name(c: Color): string {
  switch (c) { case Color.Red: return 'red'; case Color.Green: return 'green'; default: return 'blue'; }
}
let d: Dir = Dir.Down;
console.log(Color.Red, Color.Green, Color.Blue, Op.Mul, name(Color.Blue), name(Color.Green), d, d === Dir.Down);
