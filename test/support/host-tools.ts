// What the machine running the tests has: tests that need a host tool (dig, ping, socat, …)
// check for it here and skip with the reason printed when it is missing.

import { spawnSync } from 'child_process';

/** Whether `command` is on the PATH. */
export function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}
