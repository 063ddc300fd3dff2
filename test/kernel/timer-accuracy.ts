// Timer accuracy: how late setTimeout callbacks run, by performance.now(). For each delay, SAMPLES
// timeouts one after the other (each set by the previous one's callback, so the loop has nothing
// else to do); a line per delay with the smallest, median and largest lateness in µs:
//   delay <ms> samples <n> late us min <a> median <b> max <c>
// and last the timer interrupts all of it took.
import { timerInterrupts } from '../../runtime/service';

const DELAYS: number[] = [1, 2, 5, 10, 20, 50, 100, 250, 500];
const SAMPLES = 7;

let delayIndex = 0;
let late: number[] = [];
const interruptsBefore = timerInterrupts();

function report(delay: number): void {
  late.sort((a, b) => a - b);
  const us = (ms: number): number => Math.round(ms * 1000);
  console.log(
    'delay', delay, 'samples', late.length, 'late us min', us(late[0]),
    'median', us(late[late.length >> 1]), 'max', us(late[late.length - 1]),
  );
}

function next(): void {
  if (late.length === SAMPLES) {
    report(DELAYS[delayIndex]);
    late = [];
    delayIndex++;
    if (delayIndex === DELAYS.length) {
      console.log('timer interrupts', timerInterrupts() - interruptsBefore);
      return;
    }
  }
  const delay = DELAYS[delayIndex];
  const due = performance.now() + delay;
  setTimeout(() => {
    late.push(performance.now() - due);
    next();
  }, delay);
}

next();
