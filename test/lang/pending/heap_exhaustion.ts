// The bump allocator has no GC yet: this allocates ~100 MB of strings in total (64 MB guest).
let s = '';
for (let i = 0; i < 6000; i++) s += 'abc';
console.log(s.length);
let t = '';
for (let i = 0; i < 6000; i++) t = t + 'xy';
console.log(t.length, 'done', 42);
