// process.nextTick, queueMicrotask and setImmediate in Node's order: after the main module and
// after every callback the loop makes, the nextTick queue drains before the microtask queue; a
// nextTick queued by a microtask waits until the microtask queue is empty; immediates queued by
// an immediate run in the next check phase; from a timer callback, clearImmediate drops one.
const log: string[] = [];

queueMicrotask(() => {
  log.push('m1');
  process.nextTick(() => log.push('t-from-m1'));
  queueMicrotask(() => log.push('m1-inner'));
});
process.nextTick(() => {
  log.push('t1');
  process.nextTick(() => log.push('t1-inner'));
  queueMicrotask(() => log.push('m-from-t1'));
});
queueMicrotask(() => log.push('m2'));
process.nextTick(() => log.push('t2'));
console.log('main done');

setTimeout(() => {
  console.log('first checkpoint:', log.join(' '));
  log.length = 0;
  setImmediate(() => {
    log.push('i1');
    process.nextTick(() => log.push('i1-tick'));
    queueMicrotask(() => log.push('i1-micro'));
    setImmediate(() => {
      log.push('i3-next-phase');
      setTimeout(report, 5);
    });
  });
  const dropped = setImmediate(() => log.push('never'));
  setImmediate(() => log.push('i2'));
  clearImmediate(dropped);
  process.nextTick(() => log.push('timer-tick'));
  queueMicrotask(() => log.push('timer-micro'));
}, 5);

function report(): void {
  console.log('immediates:', log.join(' '));
  log.length = 0;
  setTimeout(() => {
    log.push('ta');
    queueMicrotask(() => log.push('ta-micro'));
  }, 2);
  setTimeout(() => {
    log.push('tb');
    console.log('two timers due together:', log.join(' '));
  }, 2);
}
