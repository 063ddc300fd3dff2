// A rejection no reaction handles, once the microtask queues are empty, ends the program with
// status 1 (Node's default, --unhandled-rejections=throw) before any timer runs; a rejection
// handled within the same checkpoint does not. Run by test/async-exit.test.ts (status 1).
console.log('before');
const handledLater = Promise.reject(new Error('handled in time'));
Promise.resolve(1).then((v) => {
  console.log('tick ' + v);
  handledLater.catch((e: unknown) => console.log('caught: ' + (e instanceof Error ? e.message : '?')));
});
Promise.reject(new Error('nobody handles this'));
setTimeout(() => console.log('never printed'), 10);
