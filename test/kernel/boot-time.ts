// The TSC at the service's first statement against the one `_start` saved: the kernel's boot
// time. The TSC counts from the machine's reset, so bootTscTicks() alone is the firmware's
// and boot sector's share.
import { bootTscTicks, tscTicks, tscTicksPerMs } from '../../runtime/service';

const atTopLevel = tscTicks();
const perMs = tscTicksPerMs();
const kernelUs = ((atTopLevel - bootTscTicks()) / perMs) * 1000;
const firmwareUs = (bootTscTicks() / perMs) * 1000;
console.log('kernel ticks', atTopLevel - bootTscTicks());
console.log('kernel us', kernelUs - (kernelUs % 1));
console.log('reset to _start us', firmwareUs - (firmwareUs % 1));
