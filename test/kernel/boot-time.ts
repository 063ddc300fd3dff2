// The kernel's boot time: the TSC at the service's first statement against the one `_start`
// saved, and against the one the boot sector read as it started (boot/bootsector.ts). The TSC
// counts from the machine's reset, so the boot sector's reading alone is the firmware's share.
import { bootSectorTscTicks, bootTscTicks, tscTicks, tscTicksPerMs } from '../../runtime/service';

const atTopLevel = tscTicks();
const perMs = tscTicksPerMs();
const us = (ticks: number): number => {
  const x = (ticks / perMs) * 1000;
  return x - (x % 1);
};
console.log('kernel ticks', atTopLevel - bootTscTicks());
console.log('kernel us', us(atTopLevel - bootTscTicks()));
console.log('boot sector to top level us', us(atTopLevel - bootSectorTscTicks()));
console.log('firmware us', us(bootSectorTscTicks()));
console.log('reset to _start us', us(bootTscTicks()));
