// Where the built-in library of JavaScript is implemented: in OS library modules, in the subset.
//
// `Math.floor(x)` is a call of the function `floor` exported by runtime/js/math.ts; `Math.PI` is
// its exported constant; `(3.5).toFixed(1)` calls `toFixed(x, digits)` from
// runtime/js/number-methods.ts with the receiver first. The compiler only knows these tables;
// the behaviour lives in the runtime, where it is ordinary code, tested against Node.
import { RT_ABSENT, RT_ARRAY_BUFFER, RT_ARRAY_FILL, RT_BUFFER, RT_BUFFER_INTS, RT_BUFFER_FLOATS, RT_DATA_VIEW, RT_DATE, RT_IMMEDIATES, RT_INSPECT, RT_ITERATOR, RT_JSON, RT_JSON_PARSE, RT_MATH, RT_MICROTASKS, RT_NUMBER_METHODS, RT_NUMBER_PARSE, RT_NUMBER_STATICS, RT_PERFORMANCE, RT_PROCESS, RT_PROMISE, RT_SERVICE, RT_STRING_METHODS, RT_TEXT_CODEC, RT_TIMERS, RT_TYPED_ARRAY, RT_UNION, RT_URI } from '../../runtime/abi/entry-points';


/** Global objects whose members live in a runtime module. */
export const NAMESPACES: Readonly<Record<string, string>> = {
  Math: RT_MATH,
  Number: RT_NUMBER_STATICS,
  performance: RT_PERFORMANCE,
  Date: RT_DATE,
  process: RT_PROCESS,
};

/** Global functions that live in a runtime module under the same name. */
export const GLOBAL_FUNCTIONS: Readonly<Record<string, string>> = {
  parseInt: RT_NUMBER_PARSE,
  parseFloat: RT_NUMBER_PARSE,
  isNaN: RT_NUMBER_STATICS,
  isFinite: RT_NUMBER_STATICS,
  setTimeout: RT_TIMERS,
  setInterval: RT_TIMERS,
  clearTimeout: RT_TIMERS,
  clearInterval: RT_TIMERS,
  setImmediate: RT_IMMEDIATES,
  clearImmediate: RT_IMMEDIATES,
  queueMicrotask: RT_MICROTASKS,
  encodeURIComponent: RT_URI,
  encodeURI: RT_URI,
  decodeURIComponent: RT_URI,
  decodeURI: RT_URI,
};

/** Classes the lib typings declare that a runtime module implements (others: runtime/js/error.ts). */
export const LIB_CLASSES: Readonly<Record<string, string>> = {
  Promise: RT_PROMISE,
};

/** The `tsuk:runtime` module services import (heap and interrupt statistics, RAM, time). */
export const SERVICE_MODULE = RT_SERVICE;

/** Methods of primitive values: the function of the same name, receiver first. */
export const STRING_METHODS = RT_STRING_METHODS;
export const NUMBER_METHODS = RT_NUMBER_METHODS;

/** ArrayBuffer, the typed arrays and DataView (compiler/frontend/lower-typed-array.ts), Node's
 *  Buffer (lower-buffer.ts). */
export const BUFFER_MODULES = [RT_TYPED_ARRAY, RT_DATA_VIEW, RT_ARRAY_BUFFER, RT_BUFFER, RT_BUFFER_INTS, RT_BUFFER_FLOATS];

/** Printing objects and JSON (compiler/frontend/lower-inspect.ts, lower-json*.ts), new Array(n) and fill. */
export const PRINT_MODULES = [RT_INSPECT, RT_JSON, RT_JSON_PARSE, RT_ARRAY_FILL];

/** Values of mixed union types (compiler/frontend/lower-union.ts), absent numbers (absent.ts). */
export const UNION_MODULES = [RT_UNION, RT_ABSENT];

/** Iterator objects (compiler/frontend/lower-iterator.ts). */
export const ITERATOR_MODULES = [RT_ITERATOR];

/** Like LIB_CLASSES, but their modules are loaded only by programs that name one of the
 *  classes (project.ts): loaded classes change every image's layout, used or not. */
export const LAZY_LIB_CLASSES: Readonly<Record<string, string>> = {
  TextEncoder: RT_TEXT_CODEC,
  TextDecoder: RT_TEXT_CODEC,
};

/** Every module above, loaded with each program (the linker keeps what is used). */
export const BUILTIN_MODULES: readonly string[] = [
  ...new Set([...Object.values(NAMESPACES), ...Object.values(GLOBAL_FUNCTIONS), STRING_METHODS, NUMBER_METHODS, SERVICE_MODULE, ...BUFFER_MODULES, ...PRINT_MODULES, ...UNION_MODULES, ...ITERATOR_MODULES, ...Object.values(LIB_CLASSES)]),
];
