// console.log with a literal first argument applies util.format directives: %s %d %i %f %c %%;
// a directive without an argument stays as written, and the rest are printed after it.
console.log('%s %d', 'no', 'format');
console.log('%d%%', 50);
console.log('a%sb', 'X');
console.log('%i|%f|%d', 42.9, '3.5e1x', true);
console.log('%s and %s', 1.5, -0, 'extra', 7);
console.log('%c styled %s', 'color: red', 'text');
console.log('100%', 'done');
console.log('%x %s');
