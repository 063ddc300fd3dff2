// Where tsuk's own files are: its root folder, the typings a service is checked against and the
// OS library modules behind `node:` imports.
//
// Apart from project.ts (which loads TypeScript, through ts-morph) so that what only needs the
// paths — `tsuk init`, and every start of the CLI, which imports init — does not pay for
// loading TypeScript.

import * as fs from 'fs';
import * as path from 'path';

/** The folder holding tsuk's package.json: lib/, runtime/ and drivers/ are found from it. */
export function tsukRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'tsuk') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the tsuk package root');
    dir = parent;
  }
}

/** tsuk's typings, loaded instead of TypeScript's lib.es*.d.ts (also listed by `tsuk init`'s tsconfig.json). */
export const LIB_FILES = ['lib/lib.tsuk.d.ts', 'lib/tsuk.d.ts', 'lib/node.d.ts'];

/** Node modules a service may import, and the OS library module implementing each. */
export const NODE_MODULES: Readonly<Record<string, string>> = { 'node:dgram': 'net/node/dgram.ts', 'node:net': 'net/node/net.ts', 'node:http': 'net/node/http.ts' };
