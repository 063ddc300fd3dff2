// The interleaving of timers, immediates, nextTick callbacks, promise jobs and async
// functions, from the main module and from inside each kind of callback (not setTimeout(0)
// against setImmediate from the main module, whose order Node leaves to chance).
const order: string[] = [];

async function worker(name: string, steps: number): Promise<string> {
  order.push(name + ' start');
  for (let i = 0; i < steps; i++) {
    await null;
    order.push(name + ' step ' + i);
  }
  return name;
}

function round(label: string, next: () => void): void {
  order.length = 0;
  process.nextTick(() => order.push('tick'));
  Promise.resolve().then(() => order.push('promise'));
  queueMicrotask(() => order.push('microtask'));
  worker('w', 2).then((n) => {
    order.push(n + ' done');
    process.nextTick(() => order.push('tick after w'));
  });
  setImmediate(() => {
    order.push('immediate');
    process.nextTick(() => order.push('tick in immediate'));
    Promise.resolve().then(() => order.push('promise in immediate'));
  });
  setTimeout(() => {
    order.push('timeout 30');
    setImmediate(() => order.push('immediate from timeout'));
    setTimeout(() => {
      order.push('timeout from timeout');
      console.log(label + ': ' + order.join(', '));
      next();
    }, 3);
  }, 30);
  order.push('sync');
}

round('from main', () => {
  setTimeout(() => round('from a timer', () => {
    setImmediate(() => round('from an immediate', () => console.log('end')));
  }), 1);
});
