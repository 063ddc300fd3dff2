// util.inspect and util.format from node:util, and console.log's %O and %j directives.

import { format, inspect } from 'node:util';
import * as util from 'node:util';

interface Job {
  id: number;
  name: string;
  retries?: number;
  deps: string[];
}

const job: Job = { id: 7, name: "build 'all'", deps: ['fetch', 'lint'] };
const s = inspect(job);
console.log(s.length, s);
console.log(util.inspect([1.5, -0]), inspect(['x']), inspect('quoted'), inspect(42), inspect(null));
console.log(format('%s has %d deps: %j', job.name, job.deps.length, job.deps));
console.log(util.format('%O|%j|%i', job, { id: 1, ok: true }, 3.9));
console.log(format('plain', 1, true, 'x'));
console.log('job %O', job);
console.log('json %j and %j', job, [1, 2]);
const line = format('%s=%d', 'n', 5) + '!';
console.log(line, line.length);
const m = new Map<string, Job>();
m.set('a', job);
console.log(inspect(m));
console.log(inspect({ deep: { deeper: { deepest: { bottom: [1] } } } }));
