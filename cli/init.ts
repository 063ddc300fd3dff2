// `tsuk init [dir]`: scaffolds a service project that builds with tsuk and runs on Node.
//
// The example service, its test, README and .gitignore are copied from templates/service/ (the
// .gitignore is stored there as `gitignore`, since npm leaves files named .gitignore out of a
// package). package.json and tsconfig.json are written here, because they name this tsuk: its
// version, where to install it from, and the compiler options the frontend itself uses, so that
// `tsc --noEmit` and editors check exactly what `tsuk compile` accepts (project.ts's LIB_FILES
// and NODE_MODULES, the latter so tsc sees the declarations of node:dgram the compiler does).

import * as fs from 'fs';
import * as path from 'path';
import { LIB_FILES, NODE_MODULES, tsukRoot } from '../compiler/frontend/library-paths';

/** Template files and the name each gets in the new project. */
const TEMPLATE_FILES: ReadonlyArray<[string, string]> = [
  ['src/main.ts', 'src/main.ts'],
  ['src/greeting.ts', 'src/greeting.ts'],
  ['test/greeting.test.ts', 'test/greeting.test.ts'],
  ['README.md', 'README.md'],
  ['gitignore', '.gitignore'],
];

export interface InitOptions {
  /** The project folder (created when missing; must hold none of the files init writes). */
  dir: string;
  /** How the project's package.json names tsuk (default: `file:` this tsuk's own folder). */
  tsukSpec?: string;
}

/** Writes the project; returns the exit status (1 after a message when a file is in the way). */
export function runInit(o: InitOptions): number {
  const root = tsukRoot();
  const dir = path.resolve(o.dir);
  const own = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string; devDependencies: Record<string, string> };
  const files = new Map<string, string>();
  files.set('package.json', json(packageJson(dir, o.tsukSpec ?? `file:${root}`, own.devDependencies)));
  files.set('tsconfig.json', json(tsconfigJson()));
  for (const [from, to] of TEMPLATE_FILES) files.set(to, fs.readFileSync(path.join(root, 'templates/service', from), 'utf8'));

  const taken = [...files.keys()].filter((f) => fs.existsSync(path.join(dir, f)));
  if (taken.length > 0) {
    process.stderr.write(`tsuk init: ${dir} already has ${taken.join(', ')}; nothing written\n`);
    return 1;
  }
  for (const [name, text] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const cd = path.relative(process.cwd(), dir);
  process.stdout.write(`tsuk init: wrote a service project in ${dir}\n\n  ${cd ? `cd ${cd} && ` : ''}npm install\n  npm start      # on Node.js\n  npm run vm     # as a unikernel in QEMU\n`);
  return 0;
}

/** The scripts run the same entry on both platforms; typescript and tsx come at the versions
 *  tsuk itself is developed with (the tsconfig below needs TypeScript 6). */
function packageJson(dir: string, tsukSpec: string, tsukDevDeps: Record<string, string>): object {
  return {
    name: path.basename(dir).toLowerCase().replace(/[^a-z0-9._-]+/g, '-') || 'service',
    version: '0.1.0',
    private: true,
    scripts: {
      start: 'tsx src/main.ts',
      build: 'tsuk compile src/main.ts -o service.img',
      vm: 'tsuk run src/main.ts',
      test: 'tsc --noEmit -p . && tsx --test test/*.test.ts',
    },
    devDependencies: { tsuk: tsukSpec, tsx: tsukDevDeps.tsx, typescript: tsukDevDeps.typescript },
  };
}

/** compiler/frontend/project.ts's options, as a tsconfig; the `tsuk` plugin adds the subset's
 *  errors to the editor's. */
function tsconfigJson(): object {
  const lib = (f: string) => `node_modules/tsuk/${f}`;
  return {
    compilerOptions: {
      noLib: true,
      strict: true,
      noImplicitReturns: true,
      target: 'ES2022',
      module: 'commonjs',
      moduleResolution: 'node10',
      types: [],
      ignoreDeprecations: '6.0',
      noEmit: true,
      paths: Object.fromEntries(Object.entries(NODE_MODULES).map(([m, f]) => [m, [`./${lib(f)}`]])),
      plugins: [{ name: 'tsuk' }],
    },
    files: LIB_FILES.map(lib),
    include: ['src/**/*.ts'],
  };
}

function json(value: object): string {
  return JSON.stringify(value, null, 2) + '\n';
}
