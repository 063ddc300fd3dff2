// setTimeout, setInterval and clearTimeout/clearInterval in Node's order; the loop ends when no timer is left.
const start = Date.now();
const t0 = performance.now();
const order: string[] = [];
setTimeout(() => order.push('b20'), 20);
setTimeout(() => order.push('a10'), 10);
setTimeout(() => order.push('c10'), 10);
let n = 0;
const iv = setInterval(() => {
  n++;
  order.push('iv' + n);
  if (n === 3) {
    clearInterval(iv);
    setTimeout(() => {
      order.push('after');
      console.log(order.join(' '));
      const elapsed = performance.now() - t0;
      console.log(elapsed >= 20 && elapsed < 1000, Date.now() >= start);
    }, 0);
  }
}, 7);
const cancelled = setTimeout(() => order.push('never'), 5);
clearTimeout(cancelled);
console.log('top level done');
