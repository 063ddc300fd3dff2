// Node's console.log treats a first string argument as a util.format string: %s %d %i %f %j
// %o %O %c and %% are substituted. tsuk prints the arguments as they are.
console.log('%s %d', 'no', 'format');
console.log('%d%%', 50);
console.log('a%sb', 'X');
