// Promise construction, then/catch/finally chains and the order of their jobs, as on Node.
const log: string[] = [];

const p = new Promise<number>((resolve) => {
  log.push('executor runs now');
  resolve(21);
});
p.then((v) => v * 2).then((v) => {
  log.push('doubled ' + v);
});
Promise.resolve('a').then((s) => {
  log.push('resolve ' + s);
});
log.push('sync end');

setTimeout(() => {
  console.log(log.join(' | '));
}, 20);
