// setTimeout, setInterval, clearTimeout/clearInterval in Node's order; the loop ends when no
// timer is left. Deadlines are far enough apart that a loaded machine cannot reorder them.
const order: string[] = [];
const t0 = performance.now();
const start = Date.now();

function intervals(): void {
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
        console.log(elapsed >= 90 && elapsed < 5000, Date.now() >= start);
      }, 0);
    }
  }, 10);
}

setTimeout(() => {
  order.push('b60');
  intervals();
}, 60);
setTimeout(() => order.push('a20'), 20);
setTimeout(() => {
  order.push('c20');
  setTimeout(() => order.push('nested0'), 0);
}, 20);
setTimeout(() => order.push('d40'), 40);
const cancelled = setTimeout(() => order.push('never'), 5);
clearTimeout(cancelled);
console.log('top level done');
