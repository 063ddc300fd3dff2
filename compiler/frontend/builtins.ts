// Where the built-in library of JavaScript is implemented: in OS library modules, in the subset.
//
// `Math.floor(x)` is a call of the function `floor` exported by runtime/math.ts; `Math.PI` is
// its exported constant; `(3.5).toFixed(1)` calls `toFixed(x, digits)` from
// runtime/number-methods.ts with the receiver first. The compiler only knows these tables;
// the behaviour lives in the runtime, where it is ordinary code, tested against Node.

/** Global objects whose members live in a runtime module. */
export const NAMESPACES: Readonly<Record<string, string>> = {
  Math: 'runtime/math.ts',
  Number: 'runtime/number-statics.ts',
  performance: 'runtime/performance.ts',
  Date: 'runtime/date.ts',
  process: 'runtime/process.ts',
};

/** Global functions that live in a runtime module under the same name. */
export const GLOBAL_FUNCTIONS: Readonly<Record<string, string>> = {
  parseInt: 'runtime/number-parse.ts',
  parseFloat: 'runtime/number-parse.ts',
  isNaN: 'runtime/number-statics.ts',
  isFinite: 'runtime/number-statics.ts',
  setTimeout: 'runtime/timers.ts',
  setInterval: 'runtime/timers.ts',
  clearTimeout: 'runtime/timers.ts',
  clearInterval: 'runtime/timers.ts',
};

/** The `tsuk:runtime` module services import (heap and interrupt statistics, RAM, time). */
export const SERVICE_MODULE = 'runtime/service.ts';

/** Methods of primitive values: the function of the same name, receiver first. */
export const STRING_METHODS = 'runtime/string-methods.ts';
export const NUMBER_METHODS = 'runtime/number-methods.ts';

/** ArrayBuffer, the typed arrays and DataView (compiler/frontend/lower-typed-array.ts). */
export const BUFFER_MODULES = ['runtime/typed-array.ts', 'runtime/data-view.ts', 'runtime/array-buffer.ts'];

/** Every module above, loaded with each program (the linker keeps what is used). */
export const BUILTIN_MODULES: readonly string[] = [
  ...new Set([...Object.values(NAMESPACES), ...Object.values(GLOBAL_FUNCTIONS), STRING_METHODS, NUMBER_METHODS, SERVICE_MODULE, ...BUFFER_MODULES]),
];
