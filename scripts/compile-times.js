#!/usr/bin/env node
// Compile times of the examples, cold and warm, per phase: the table for issue 12.
//
// Runs the real `tsuk compile --timings` with a cache folder of its own (TSUK_CACHE_DIR, in the
// temp folder: never the checkout's node_modules/.cache) N times in each mode (default 5),
// printing the median wall time, CPU time (user + sys, from /usr/bin/time; load on a shared
// machine distorts it less than wall time) and each phase's median:
//   cold        --no-cache
//   warm        the cache filled by an earlier compile of the same file (the program and link
//               caches serve it: compiler/cache/program.ts, linked.ts)
//   warm+edit   the cache warm, the entry changed since (a `console.log` line appended to
//               examples/<name>.ts itself — its symbols, and those of the modules it imports,
//               keep their names, as after a save in an editor — and the file put back after,
//               also on Ctrl-C): the program and link caches miss, the optimizer's and the
//               machine-code caches serve the functions the edit did not change
//   watch+edit  the same edits, saved while `tsuk compile --watch --timings` runs: the watch
//               keeps the loaded program (compiler/frontend/program-session.ts) and parses
//               only the edited file again; wall is the compile's own time (the summary line),
//               CPU the process's user + sys over the recompile (/proc/PID/stat); the last
//               image must equal a cold compile's of the same edit
// The load average is printed with the table: figures from a busy machine are not the ones
// of a quiet one. Build first (npm run build).
//
// Usage: node scripts/compile-times.js [-n 5] [example …]   (default: hello dns)

'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
let n = 5;
if (args[0] === '-n') {
  n = Number(args[1]);
  args.splice(0, 2);
}
const names = args.length > 0 ? args : ['hello', 'dns'];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-times-'));
const cache = path.join(work, 'cache');

function run(entry, extra) {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S', process.execPath, path.join(root, 'bin/tsuk.js'), 'compile', entry, '-o', path.join(work, 'out.img'), '--timings', ...extra], {
    cwd: work, encoding: 'utf8', env: { ...process.env, TSUK_CACHE_DIR: cache },
  });
  if (r.status !== 0) throw new Error(`tsuk failed:\n${r.stderr}`);
  const [, wall, user, sys] = r.stderr.match(/TIME ([\d.]+) ([\d.]+) ([\d.]+)/);
  return { wall: Number(wall) * 1000, cpu: (Number(user) + Number(sys)) * 1000, ...parseTimings(r.stderr), image: fs.readFileSync(path.join(work, 'out.img')) };
}

/** The phases of one compile's --timings, and which caches served it. */
function parseTimings(stderr) {
  const phases = {};
  for (const m of stderr.matchAll(/^ {2}(\S.*?) +([\d.]+) ms$/gm)) phases[m[1]] = Number(m[2]);
  const whole = ['program', 'link'].filter((c) => stderr.includes(`${c} cache: hit: 1`));
  if (stderr.includes('kept program: reused: 1')) whole.push('kept program');
  // Per-function caches: hits of all lookups.
  const perFunction = [['opt', 'opt cache'], ['mc', 'machine code cache']].flatMap(([short, c]) => {
    const hits = Number(new RegExp(`${c}: hits: (\\d+)`).exec(stderr)?.[1] ?? 0);
    const misses = Number(new RegExp(`${c}: misses: (\\d+)`).exec(stderr)?.[1] ?? 0);
    return hits + misses > 0 && hits > 0 ? [`${short} ${hits}/${hits + misses}`] : [];
  });
  return { phases, served: [...whole, ...perFunction].join(', ') || '-' };
}

/** user + sys CPU of a process so far, in ms (Linux /proc). */
function cpuOf(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in USER_HZ ticks
}

/** `tsuk compile --watch --timings` on entry, saving edit(i) for i < n: one result per recompile. */
async function watchEdits(entry, edit, n) {
  const child = spawn(process.execPath, [path.join(root, 'bin/tsuk.js'), 'compile', entry, '-o', path.join(work, 'out.img'), '--timings', '--watch'], {
    cwd: work, env: { ...process.env, TSUK_CACHE_DIR: cache },
  });
  let stderr = '';
  let waiting;
  child.stderr.on('data', (d) => {
    stderr += d.toString();
    if (waiting && (stderr.match(/tsuk: watching/g) ?? []).length >= waiting.count) waiting.resolve();
  });
  const watched = (count) => new Promise((resolve) => {
    waiting = { count, resolve };
    child.stderr.emit('data', Buffer.alloc(0));
  });
  const results = [];
  try {
    await watched(1);
    for (let i = 0; i < n; i++) {
      const from = stderr.length;
      const cpu = cpuOf(child.pid);
      edit(i);
      await watched(i + 2);
      const out = stderr.slice(from);
      const wall = /out\.img: \d+ bytes.*; (\d+) ms/.exec(out);
      if (!wall) throw new Error(`tsuk --watch failed:\n${out}`);
      results.push({ wall: Number(wall[1]), cpu: cpuOf(child.pid) - cpu, ...parseTimings(out), image: fs.readFileSync(path.join(work, 'out.img')) });
    }
  } finally {
    child.kill('SIGINT');
  }
  return results;
}

// The example being edited is put back however the script ends.
let restore = () => undefined;
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => {
  restore();
  process.exit(1);
});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The rows of one example: each mode n times. */
async function measure(name) {
  const rows = [];
  const entry = path.join(root, 'examples', `${name}.ts`);
  const original = fs.readFileSync(entry, 'utf8');
  const edited = (i, tag = 'edit') => {
    restore = () => fs.writeFileSync(entry, original);
    fs.writeFileSync(entry, `${original}\nconsole.log('${tag} ${i}');\n`);
  };
  const modes = {
    cold: async () => Array.from({ length: n }, () => run(entry, ['--no-cache'])),
    warm: async () => Array.from({ length: n }, () => run(entry, [])),
    'warm+edit': async () => Array.from({ length: n }, (_, i) => {
      edited(i);
      try {
        return run(entry, []);
      } finally {
        restore();
      }
    }),
    // Edits of their own: the program and link caches must not serve warm+edit's.
    'watch+edit': async () => {
      try {
        const results = await watchEdits(entry, (i) => edited(i, 'watch edit'), n);
        edited(n - 1, 'watch edit');
        const cold = run(entry, ['--no-cache']);
        if (!cold.image.equals(results[n - 1].image)) throw new Error(`${name} watch+edit: image differs from a cold compile's`);
        return results;
      } finally {
        restore();
      }
    },
  };
  fs.rmSync(cache, { recursive: true, force: true });
  const reference = run(entry, []).image; // fills the cache
  for (const [mode, go] of Object.entries(modes)) {
    const results = await go();
    if ((mode === 'cold' || mode === 'warm') && !results.every((r) => r.image.equals(reference))) throw new Error(`${name} ${mode}: image differs from the first compile`);
    const phases = Object.keys(results[0].phases);
    rows.push({ name, mode, wall: median(results.map((r) => r.wall)), cpu: median(results.map((r) => r.cpu)), served: results[results.length - 1].served,
      phases: Object.fromEntries(phases.map((p) => [p, median(results.map((r) => r.phases[p] ?? 0))])) });
  }
  return rows;
}

async function main() {
  const rows = [];
  for (const name of names) rows.push(...(await measure(name)));
  fs.rmSync(work, { recursive: true, force: true });
  print(rows);
}

function print(rows) {
  const phaseNames = [...new Set(rows.flatMap((r) => Object.keys(r.phases)))].filter((p) => p !== 'total');
  console.log(`median of ${n}; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}; ${os.cpus().length} CPUs; times in ms`);
  console.log(`| example | mode | wall | CPU | served by | ${phaseNames.join(' | ')} |`);
  console.log(`|---|---|---:|---:|---:|${phaseNames.map(() => '---:').join('|')}|`);
  for (const r of rows)
    console.log(`| ${r.name} | ${r.mode} | ${r.wall.toFixed(0)} | ${r.cpu.toFixed(0)} | ${r.served} | ${phaseNames.map((p) => (r.phases[p] ?? 0).toFixed(0)).join(' | ')} |`);
}

main().catch((e) => {
  restore();
  console.error(e);
  process.exit(1);
});
