// The last resort: a message on the console and a non-zero exit.
//
// A panic is a bug or a limit reached, never something a service recovers from. The exit
// status 70 (EX_SOFTWARE) tells `tsuk run` and tests that the guest died. A leaf: it imports
// only printing and exit, so the allocator and the kernel below it can panic.

import { print } from './print';
import { exit } from './exit';

export const PANIC_EXIT_CODE = 70;

export function panic(message: string): never {
  print('panic: ');
  print(message);
  print('\n');
  exit(PANIC_EXIT_CODE);
  while (true) {
    // exit does not return
  }
}
