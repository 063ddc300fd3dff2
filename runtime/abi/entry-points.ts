// The runtime modules the compiler calls into, written down once.
//
// The compiler names runtime functions as (module, function): a fixed entry point such as
// (RT_STRING, 'concat'), or a family such as (RT_STRING_METHODS, <the method's name>). Every
// runtime module path the compiler uses is here, so moving a runtime file is one edit in this
// file; test/abi.test.ts checks that each module exists and that every (module, 'name') pair
// the compiler writes names an exported function of that module.

/** arrays: allocation, growth, slices */
export const RT_ARRAY = 'runtime/js/array.ts';
/** ArrayBuffer */
export const RT_ARRAY_BUFFER = 'runtime/js/array-buffer.ts';
/** new Array(n), a.fill() */
export const RT_ARRAY_FILL = 'runtime/js/array-fill.ts';
/** a.join() */
export const RT_ARRAY_JOIN = 'runtime/js/array-join.ts';
/** a.sort() */
export const RT_ARRAY_SORT = 'runtime/js/array-sort.ts';
/** console.log: the writers for each type */
export const RT_CONSOLE = 'runtime/js/console.ts';
/** DataView */
export const RT_DATA_VIEW = 'runtime/js/data-view.ts';
/** the Date namespace */
export const RT_DATE = 'runtime/js/date.ts';
/** Error and its subclasses */
export const RT_ERROR = 'runtime/js/error.ts';
/** util.inspect's layout: console.log of objects, arrays, Maps and Sets */
export const RT_INSPECT = 'runtime/js/inspect.ts';
/** try, catch, throw: handler records */
export const RT_EXCEPTIONS = 'runtime/js/exceptions.ts';
/** CPU exceptions, the double fault and stack overflow: the backend's stubs call these */
export const RT_FAULT = 'runtime/kernel/fault.ts';
/** the Math namespace */
export const RT_MATH = 'runtime/js/math.ts';
/** number to string */
export const RT_NUMBER_FORMAT = 'runtime/js/number-format.ts';
/** the methods of number values, by name (x.toFixed, …) */
export const RT_NUMBER_METHODS = 'runtime/js/number-methods.ts';
/** Number(string), parseInt, parseFloat */
export const RT_NUMBER_PARSE = 'runtime/js/number-parse.ts';
/** the Number namespace and isNaN, isFinite */
export const RT_NUMBER_STATICS = 'runtime/js/number-statics.ts';
/** the allocator (its entry points hand out zero-filled memory: compiler/opt/fresh-stores.ts) */
export const RT_HEAP = 'runtime/memory/heap.ts';
/** allocation, class tests, null dereference, member tables of class instances */
export const RT_OBJECT = 'runtime/js/object.ts';
/** JSON.stringify's quoting and layout */
export const RT_JSON = 'runtime/js/json.ts';
/** JSON.parse: the grammar check and the reader generated parsers drive */
export const RT_JSON_PARSE = 'runtime/js/json-parse.ts';
/** Map and Set */
export const RT_ORDERED_HASH = 'runtime/js/ordered-hash.ts';
/** iterator objects: m.keys(), a.values(), … kept as values */
export const RT_ITERATOR = 'runtime/js/iterator.ts';
/** panic(message) */
export const RT_PANIC = 'runtime/kernel/panic.ts';
/** the performance namespace */
export const RT_PERFORMANCE = 'runtime/js/performance.ts';
/** Promise */
export const RT_PROMISE = 'runtime/js/promise.ts';
/** the process namespace */
export const RT_PROCESS = 'runtime/js/process.ts';
/** the functions of the 'tsuk:runtime' module */
export const RT_SERVICE = 'runtime/service.ts';
/** boot, and what runs after the top level (the event loop, then exit) */
export const RT_START = 'runtime/start.ts';
/** string concatenation, equality and order */
export const RT_STRING = 'runtime/js/string.ts';
/** the methods of string values, by name (s.slice, s.indexOf, …) */
export const RT_STRING_METHODS = 'runtime/js/string-methods.ts';
/** setImmediate and clearImmediate */
export const RT_IMMEDIATES = 'runtime/events/immediates.ts';
/** queueMicrotask, and the nextTick and promise job queues */
export const RT_MICROTASKS = 'runtime/events/microtasks.ts';
/** setTimeout, setInterval and their clears */
export const RT_TIMERS = 'runtime/events/timers.ts';
/** undefined and null held in a double (`number | undefined`): their NaNs told from a real one */
export const RT_ABSENT = 'runtime/js/absent.ts';
/** values of mixed union types: boxes, typeof, equality, truthiness */
export const RT_UNION = 'runtime/js/union.ts';
/** typed arrays */
export const RT_TYPED_ARRAY = 'runtime/js/typed-array.ts';
/** encodeURIComponent, encodeURI, decodeURIComponent, decodeURI */
export const RT_URI = 'runtime/js/uri.ts';
/** TextEncoder and TextDecoder */
export const RT_TEXT_CODEC = 'runtime/js/text-codec.ts';
/** Node's Buffer: construction, encodings, compare and copy */
export const RT_BUFFER = 'runtime/js/buffer.ts';
/** Buffer's integer reads and writes */
export const RT_BUFFER_INTS = 'runtime/js/buffer-ints.ts';
export const RT_BUFFER_FLOATS = 'runtime/js/buffer-floats.ts';
