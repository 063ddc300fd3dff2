// Where the built-in library of JavaScript is implemented: in OS library modules, in the subset.
//
// `Math.floor(x)` is a call of the function `floor` exported by runtime/js/math.ts; `Math.PI` is
// its exported constant; `(3.5).toFixed(1)` calls `toFixed(x, digits)` from
// runtime/js/number-methods.ts with the receiver first. The compiler only knows these tables;
// the behaviour lives in the runtime, where it is ordinary code, tested against Node.

/** Global objects whose members live in a runtime module. */
export const NAMESPACES: Readonly<Record<string, string>> = {
  Math: 'runtime/js/math.ts',
  Number: 'runtime/js/number-statics.ts',
  performance: 'runtime/js/performance.ts',
  Date: 'runtime/js/date.ts',
  process: 'runtime/js/process.ts',
};

/** Global functions that live in a runtime module under the same name. */
export const GLOBAL_FUNCTIONS: Readonly<Record<string, string>> = {
  parseInt: 'runtime/js/number-parse.ts',
  parseFloat: 'runtime/js/number-parse.ts',
  isNaN: 'runtime/js/number-statics.ts',
  isFinite: 'runtime/js/number-statics.ts',
  setTimeout: 'runtime/events/timers.ts',
  setInterval: 'runtime/events/timers.ts',
  clearTimeout: 'runtime/events/timers.ts',
  clearInterval: 'runtime/events/timers.ts',
};

/** The `tsuk:runtime` module services import (heap and interrupt statistics, RAM, time). */
export const SERVICE_MODULE = 'runtime/service.ts';

/** Methods of primitive values: the function of the same name, receiver first. */
export const STRING_METHODS = 'runtime/js/string-methods.ts';
export const NUMBER_METHODS = 'runtime/js/number-methods.ts';

/** ArrayBuffer, the typed arrays and DataView (compiler/frontend/lower-typed-array.ts). */
export const BUFFER_MODULES = ['runtime/js/typed-array.ts', 'runtime/js/data-view.ts', 'runtime/js/array-buffer.ts'];

/** Every module above, loaded with each program (the linker keeps what is used). */
export const BUILTIN_MODULES: readonly string[] = [
  ...new Set([...Object.values(NAMESPACES), ...Object.values(GLOBAL_FUNCTIONS), STRING_METHODS, NUMBER_METHODS, SERVICE_MODULE, ...BUFFER_MODULES]),
];
