// Sleeps about one second in hlt and reports how many timer interrupts that took: there is no
// periodic tick, only one-shot timer interrupts (the local APIC's, or the PIT's at most 55 ms
// apart when the CPU has no APIC), and how many of them came from the PIT (IRQ 0).
import { interruptCount, sleep, timerInterrupts, tscTicks, tscTicksPerMs } from '../../runtime/service';

const perMs = tscTicksPerMs();
sleep(1); // the first wait chooses and calibrates the timer: not part of the idle second
const before = timerInterrupts();
const pitBefore = interruptCount(0);
const t0 = tscTicks();
sleep(1000);
const t1 = tscTicks();
const ms = (t1 - t0) / perMs;
console.log('slept ms', ms - (ms % 1));
console.log('timer interrupts', timerInterrupts() - before);
console.log('pit interrupts', interruptCount(0) - pitBefore);
console.log('tsc per ms', perMs - (perMs % 1));
