// Reading a module `let` before its initialiser ran: Node throws ReferenceError (TDZ), tsuk
// reads 0. The expected Node output ends with an uncaught ReferenceError, so this program can
// only become a diagnostic test or a test of the thrown error once exceptions land.
let first = nextId();
let seq = 0;
function nextId(): number {
  seq = seq + 1;
  return seq * 10;
}
console.log(first, seq);
