// The last resort: a message on the console and a non-zero exit.
//
// A panic is a bug or a limit reached, never something a service recovers from. The exit
// status 70 (EX_SOFTWARE) tells `tsuk run` and tests that the guest died.

import { writeString } from './console';
import { exit } from './start';

export const PANIC_EXIT_CODE = 70;

export function panic(message: string): never {
  writeString('panic: ');
  writeString(message);
  writeString('\n');
  exit(PANIC_EXIT_CODE);
  while (true) {
    // exit does not return
  }
}
