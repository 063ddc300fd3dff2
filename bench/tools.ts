// The host tools a benchmark compares against (nsd, dnsperf): found on PATH, or installed with
// apt-get when we are root and apt exists — with a printed note, since that changes the host.
// When neither works, the caller skips that part and prints the returned reason.

import { spawnSync } from 'child_process';

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** undefined when `command` is available (perhaps after installing `pkg`), else why not. */
export function ensureTool(command: string, pkg: string): string | undefined {
  if (onPath(command)) return undefined;
  if (process.getuid?.() !== 0 || !onPath('apt-get')) return `${command} is not installed (apt-get install ${pkg})`;
  console.error(`bench: ${command} is missing; installing the Debian package ${pkg} (apt-get install -y ${pkg})`);
  const r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status === 0 && onPath(command)) return undefined;
  return `apt-get install ${pkg} failed: ${(r.stderr ?? '').trim().split('\n').pop()}`;
}
