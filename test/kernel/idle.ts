// Sleeps about one second in hlt and reports how many timer interrupts that took: there is no
// periodic tick, only one-shot PIT interrupts at most 55 ms apart.
import { interruptCount, sleep, tscTicks, tscTicksPerMs, bootTscTicks } from '../../runtime/service';

const perMs = tscTicksPerMs();
const before = interruptCount(0);
const t0 = tscTicks();
sleep(1000);
const t1 = tscTicks();
const ms = (t1 - t0) / perMs;
console.log('slept ms', ms - (ms % 1));
console.log('timer interrupts', interruptCount(0) - before);
const boot = (t0 - bootTscTicks()) / perMs;
console.log('tsc per ms', perMs - (perMs % 1));
