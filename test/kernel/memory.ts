// Reports the RAM the kernel found and the heap it derived from it (test/kernel.test.ts boots
// this with -m 8 and -m 1024).
import { heapLimit, heapStart, ramBytes, ramFromE820 } from '../../runtime/service';

console.log('ram', ramBytes());
console.log('e820', ramFromE820());
console.log('heap', heapStart(), heapLimit());
