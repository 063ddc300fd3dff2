// tsuk's own standard library typings: the global names a tsuk program may use.
//
// The frontend type-checks services and the OS library against this file instead of
// TypeScript's lib.es*.d.ts (noLib). It declares only what the compiler implements, so using
// anything else is a plain type error at compile time rather than a surprise in the guest.
// TypeScript itself requires the interfaces Array, Boolean, Function, IArguments, Number,
// Object, RegExp and String to exist; the ones tsuk does not support stay empty.

/// <reference no-default-lib="true"/>

interface Object {}
interface ObjectConstructor {
  /** The own keys of an object literal, interface value or class instance (its fields), in
   *  Node's order (compiler/frontend/lower-object-keys.ts). */
  keys(o: object): string[];
  /** Its values, when they share one type (a class's methods are on its prototype, not own). */
  values<T extends object>(o: T): T[OwnDataKey<T>][];
  entries<T extends object>(o: T): [string, T[OwnDataKey<T>]][];
}
/** The keys of `T` that are not methods: what Object.values/entries of a class instance see. */
type OwnDataKey<T> = { [K in keyof T]-?: T[K] extends (...args: never[]) => unknown ? never : K }[keyof T];
declare var Object: ObjectConstructor;
interface Function {}
interface CallableFunction extends Function {}
interface NewableFunction extends Function {}
interface IArguments {}
interface RegExp {}
interface Boolean {}
interface Symbol {}

interface Number {
  /** Number::toString(radix), exactly as JavaScript (runtime/js/number-methods.ts). */
  toString(radix?: number): string;
  toFixed(fractionDigits?: number): string;
  /** Exact digits, rounded half up as V8 (runtime/js/number-precision.ts). */
  toExponential(fractionDigits?: number): string;
  toPrecision(precision?: number): string;
}

interface NumberConstructor {
  (value?: string | number | boolean): number;
  readonly MAX_SAFE_INTEGER: number;
  readonly MIN_SAFE_INTEGER: number;
  readonly EPSILON: number;
  readonly MAX_VALUE: number;
  readonly MIN_VALUE: number;
  readonly POSITIVE_INFINITY: number;
  readonly NEGATIVE_INFINITY: number;
  readonly NaN: number;
  isInteger(number: number): boolean;
  isSafeInteger(number: number): boolean;
  isFinite(number: number): boolean;
  isNaN(number: number): boolean;
  parseFloat(string: string): number;
  parseInt(string: string, radix?: number): number;
}
declare var Number: NumberConstructor;

interface Math {
  readonly E: number;
  readonly LN10: number;
  readonly LN2: number;
  readonly LOG2E: number;
  readonly LOG10E: number;
  readonly PI: number;
  readonly SQRT1_2: number;
  readonly SQRT2: number;
  abs(x: number): number;
  ceil(x: number): number;
  floor(x: number): number;
  round(x: number): number;
  trunc(x: number): number;
  sign(x: number): number;
  sqrt(x: number): number;
  cbrt(x: number): number;
  pow(x: number, y: number): number;
  /** Any number of arguments; tsuk chains them pairwise. */
  max(...values: number[]): number;
  min(...values: number[]): number;
  imul(a: number, b: number): number;
  clz32(x: number): number;
  hypot(...values: number[]): number;
  exp(x: number): number;
  expm1(x: number): number;
  log(x: number): number;
  log1p(x: number): number;
  log2(x: number): number;
  log10(x: number): number;
  sin(x: number): number;
  cos(x: number): number;
  tan(x: number): number;
  asin(x: number): number;
  acos(x: number): number;
  atan(x: number): number;
  atan2(y: number, x: number): number;
  sinh(x: number): number;
  cosh(x: number): number;
  tanh(x: number): number;
  fround(x: number): number;
}
declare var Math: Math;

declare function parseInt(string: string, radix?: number): number;
declare function parseFloat(string: string): number;
declare function isNaN(number: number): boolean;
declare function isFinite(number: number): boolean;
/** runtime/js/uri.ts: URIError('URI malformed') as Node for a lone surrogate or a bad escape. */
declare function encodeURIComponent(uriComponent: string): string;
declare function encodeURI(uri: string): string;
declare function decodeURIComponent(encodedURIComponent: string): string;
declare function decodeURI(encodedURI: string): string;

interface String {
  [Symbol.iterator](): IterableIterator<string>;
  /** Number of UTF-16 code units. */
  readonly length: number;
  /** A one-unit string; outside the string a RangeError in tsuk (docs/LANGUAGE.md). */
  readonly [index: number]: string;
  /** The UTF-16 code unit at `index`, or NaN when out of range. */
  charCodeAt(index: number): number;
  charAt(pos?: number): string;
  /** runtime/js/string-methods.ts. Strings only: no RegExp overloads. */
  concat(...strings: string[]): string;
  indexOf(searchString: string, position?: number): number;
  lastIndexOf(searchString: string, position?: number): number;
  includes(searchString: string, position?: number): boolean;
  startsWith(searchString: string, position?: number): boolean;
  endsWith(searchString: string, endPosition?: number): boolean;
  slice(start?: number, end?: number): string;
  substring(start: number, end?: number): string;
  split(separator: string, limit?: number): string[];
  toUpperCase(): string;
  toLowerCase(): string;
  trim(): string;
  trimStart(): string;
  trimEnd(): string;
  padStart(maxLength: number, fillString?: string): string;
  padEnd(maxLength: number, fillString?: string): string;
  repeat(count: number): string;
  /** The code point at `pos` (a lone surrogate as itself); undefined outside the string. */
  codePointAt(pos: number): number | undefined;
  /** Negative indices count from the end; undefined outside the string. */
  at(index: number): string | undefined;
  /** String patterns only (no RegExp): `$$ $& $\` $'` in the replacement, or a function of
   *  (match, offset, string) (runtime/js/string-replace.ts). */
  replace(searchValue: string, replaceValue: string | ((substring: string, offset: number, string: string) => string)): string;
  /** -1, 0 or 1 by ICU's root collation, as Node with no locale: exact for Latin-1 text
   *  (runtime/js/collate.ts); no locales or options arguments. */
  localeCompare(that: string): number;
  replaceAll(searchValue: string, replaceValue: string | ((substring: string, offset: number, string: string) => string)): string;
}

interface StringConstructor {
  (value?: unknown): string;
  fromCharCode(...codes: number[]): string;
  /** RangeError for anything but an integer code point, as Node. */
  fromCodePoint(...codePoints: number[]): string;
}
declare var String: StringConstructor;

interface Array<T> {
  [Symbol.iterator](): IterableIterator<T>;
  /** Reading or writing outside 0 ≤ i ≤ length is a RangeError in tsuk (docs/LANGUAGE.md). */
  length: number;
  [n: number]: T;
  push(...items: T[]): number;
  pop(): T | undefined;
  shift(): T | undefined;
  /** Negative indices count from the end; undefined outside the array. */
  at(index: number): T | undefined;
  unshift(...items: T[]): number;
  splice(start: number, deleteCount?: number, ...items: T[]): T[];
  slice(start?: number, end?: number): T[];
  concat(...items: T[][]): T[];
  reverse(): T[];
  indexOf(searchElement: T, fromIndex?: number): number;
  includes(searchElement: T, fromIndex?: number): boolean;
  join(separator?: string): string;
  forEach(callbackfn: (value: T, index: number, array: T[]) => void): void;
  map<U>(callbackfn: (value: T, index: number, array: T[]) => U): U[];
  /** One level of an array of arrays (compiler/frontend/lower-flat.ts). */
  flat<U>(this: U[][], depth?: 1): U[];
  /** `callbackfn`'s arrays spread into the result (its other values pushed). */
  flatMap<U>(callbackfn: (value: T, index: number, array: T[]) => U | U[]): U[];
  filter(predicate: (value: T, index: number, array: T[]) => unknown): T[];
  reduce(callbackfn: (previousValue: T, currentValue: T, currentIndex: number, array: T[]) => T): T;
  reduce<U>(callbackfn: (previousValue: U, currentValue: T, currentIndex: number, array: T[]) => U, initialValue: U): U;
  some(predicate: (value: T, index: number, array: T[]) => unknown): boolean;
  every(predicate: (value: T, index: number, array: T[]) => unknown): boolean;
  find(predicate: (value: T, index: number, array: T[]) => unknown): T | undefined;
  findIndex(predicate: (value: T, index: number, array: T[]) => unknown): number;
  /** Stable; without a comparator, by the elements' strings as in JS. */
  sort(compareFn?: (a: T, b: T) => number): this;
  fill(value: T, start?: number, end?: number): this;
  /** Iterator objects (runtime/js/iterator.ts): `next()`, for…of, spread. */
  values(): IterableIterator<T>;
  keys(): IterableIterator<number>;
  entries(): IterableIterator<[number, T]>;
}
// The iteration protocol: tsuk compiles for…of over arrays, strings, typed arrays, Map and Set
// directly (user code cannot name Symbol: TSK1013); the iterators of Map, Set and arrays kept as
// values are runtime/js/iterator.ts. A finished iterator's value is `undefined`, as TypeScript's
// BuiltinIteratorReturn under `strict`.
interface SymbolConstructor {
  readonly iterator: unique symbol;
}
declare var Symbol: SymbolConstructor;
interface IteratorYieldResult<TYield> {
  value: TYield;
  done?: false;
}
interface IteratorReturnResult<TReturn> {
  value: TReturn;
  done: true;
}
type IteratorResult<T, TReturn = undefined> = IteratorYieldResult<T> | IteratorReturnResult<TReturn>;
interface Iterator<T, TReturn = undefined, TNext = unknown> {
  next(...[value]: [] | [TNext]): IteratorResult<T, TReturn>;
}
interface Iterable<T, TReturn = undefined, TNext = unknown> {
  [Symbol.iterator](): Iterator<T, TReturn, TNext>;
}
interface IterableIterator<T, TReturn = undefined, TNext = unknown> extends Iterator<T, TReturn, TNext> {
  [Symbol.iterator](): IterableIterator<T, TReturn, TNext>;
}
interface ArrayLike<T> {
  readonly length: number;
  readonly [n: number]: T;
}
interface ArrayConstructor {
  /** `length` elements, zero (0, false or null) until filled: tsuk arrays have no holes. */
  new <T>(length?: number): T[];
  <T>(length?: number): T[];
  /** From an array (a copy), a typed array (its elements as numbers), a string (its code
   *  points), a Map or Set or its keys()/values()/entries() (compiler/frontend/lower-iterable.ts). */
  from<T>(source: ArrayLike<T> | Iterable<T>): T[];
  /** The same, each element through `mapFn`; `Array.from({ length: n }, (_, i) => …)`. */
  from<T, U>(source: ArrayLike<T> | Iterable<T>, mapFn: (v: T, k: number) => U): U[];
  of<T>(...items: T[]): T[];
}
declare var Array: ArrayConstructor;
interface ReadonlyArray<T> {
  readonly length: number;
  readonly [n: number]: T;
}
interface TemplateStringsArray extends ReadonlyArray<string> {}

interface Console {
  /** Prints its arguments separated by spaces and a newline on the serial console, formatted
   *  as Node.js formats numbers, strings, booleans, null and undefined. */
  log(...data: unknown[]): void;
}
declare var console: Console;

interface JSON {
  /** The JSON text of a value of the subset (compiler/frontend/lower-json.ts): `replacer` an
   *  array literal of keys, or null; `space` a number of spaces or a string. */
  stringify(value: unknown, replacer?: string[] | null, space?: string | number): string;
  /** The value of `text`, of the type the program states for the result (`as Config`, a typed
   *  variable, `JSON.parse<Config>(text)`): the compiler generates a parser for that type
   *  (compiler/frontend/lower-json-parse.ts). */
  parse<T = unknown>(text: string): T;
}
declare var JSON: JSON;

declare var NaN: number;
declare var Infinity: number;

/** Declared only so that tsuk can say why it is refused (TSK1002), instead of "cannot find name". */
declare function eval(x: string): unknown;

/** runtime/js/error.ts implements these. */
declare class Error {
  constructor(message?: string);
  name: string;
  message: string;
}
declare class RangeError extends Error {}
declare class TypeError extends Error {}
declare class SyntaxError extends Error {}
declare class URIError extends Error {}
declare class AggregateError extends Error {
  constructor(errors: unknown[], message?: string);
  errors: unknown[];
}

/** runtime/js/promise.ts implements this (docs/LANGUAGE.md: what compiles, what differs). The
 *  compiler calls thenVoid/thenAdopt/catchVoid/resolveVoid/resolveAdopt by the callback's
 *  result (compiler/frontend/lower-promise.ts). */
declare class Promise<T> {
  constructor(executor: (resolve: (value: T) => void, reject: (reason: unknown) => void) => void);
  then<R = T>(onFulfilled: (value: T) => R | Promise<R>): Promise<R>;
  catch(onRejected: (reason: unknown) => T | Promise<T>): Promise<T>;
  catch(onRejected: (reason: unknown) => void): Promise<void>;
  finally(onFinally: () => void): Promise<T>;
  static resolve(): Promise<void>;
  static resolve<T>(value: T | Promise<T>): Promise<T>;
  static reject<T = never>(reason: unknown): Promise<T>;
  static all<T>(values: Promise<T>[]): Promise<T[]>;
  static allSettled<T>(values: Promise<T>[]): Promise<PromiseSettledResult<T>[]>;
  static race<T>(values: Promise<T>[]): Promise<T>;
  static any<T>(values: Promise<T>[]): Promise<T>;
}
/** What `await` and async functions need of the lib (TypeScript's own definitions). */
interface PromiseLike<T> {
  then<R = T>(onFulfilled: (value: T) => R | PromiseLike<R>): PromiseLike<R>;
}
type Awaited<T> = T extends null | undefined
  ? T
  : T extends object & { then(onfulfilled: infer F, ...args: infer _): any }
    ? F extends (value: infer V, ...args: infer _) => any
      ? Awaited<V>
      : never
    : T;
/** TypeScript's is a union of two object types; here one interface (docs/LANGUAGE.md). */
interface PromiseSettledResult<T> {
  readonly status: 'fulfilled' | 'rejected';
  readonly value?: T;
  readonly reason?: unknown;
}

/** runtime/js/text-codec.ts: UTF-8 only; bad input decodes to U+FFFD as in Node. */
declare class TextEncoder {
  readonly encoding: string;
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string);
  readonly encoding: string;
  readonly fatal: boolean;
  readonly ignoreBOM: boolean;
  decode(input?: Uint8Array): string;
}

/** runtime/js/ordered-hash.ts; keys are numbers (SameValueZero), strings (by content), booleans
 *  or objects (by identity). Iteration is in insertion order. */
interface Map<K, V> {
  [Symbol.iterator](): IterableIterator<[K, V]>;
  readonly size: number;
  get(key: K): V | undefined;
  set(key: K, value: V): this;
  has(key: K): boolean;
  delete(key: K): boolean;
  clear(): void;
  forEach(callbackfn: (value: V, key: K, map: Map<K, V>) => void): void;
  keys(): IterableIterator<K>;
  values(): IterableIterator<V>;
  entries(): IterableIterator<[K, V]>;
}
interface MapConstructor {
  /** From [key, value] pairs: an array of them, another Map or its entries(), Object.entries(o)
   *  (compiler/frontend/lower-map.ts). */
  new <K, V>(entries?: Iterable<readonly [K, V]>): Map<K, V>;
}
declare var Map: MapConstructor;

interface Set<T> {
  [Symbol.iterator](): IterableIterator<T>;
  readonly size: number;
  add(value: T): this;
  has(value: T): boolean;
  delete(value: T): boolean;
  clear(): void;
  forEach(callbackfn: (value: T, value2: T, set: Set<T>) => void): void;
  keys(): IterableIterator<T>;
  values(): IterableIterator<T>;
  entries(): IterableIterator<[T, T]>;
}
interface SetConstructor {
  /** From any iterable of the subset: an array, a string, a typed array, a Map or Set or its
   *  keys(), values() or entries(). */
  new <T>(values?: Iterable<T>): Set<T>;
}
declare var Set: SetConstructor;

// ---- ArrayBuffer, typed arrays, DataView (runtime/js/array-buffer.ts, runtime/js/typed-array.ts,
// runtime/js/data-view.ts) ----
//
// As in TypeScript's lib.es5.d.ts without the members that take callbacks. Each type carries a
// `[Symbol.toStringTag]` of its own name, as in lib.es2015.symbol.wellknown.d.ts: without it
// Int8Array and Uint8Array would be structurally identical, and the compiler, which picks the
// element type from the static type, would accept one where the other is meant.
interface SymbolConstructor {
  readonly toStringTag: unique symbol;
}

interface ArrayBuffer {
  readonly [Symbol.toStringTag]: 'ArrayBuffer';
  readonly byteLength: number;
  /** A copy of the bytes from `begin` to `end` (negative counts from the end). */
  slice(begin?: number, end?: number): ArrayBuffer;
}
interface ArrayBufferConstructor {
  /** `byteLength` zeroed bytes; a RangeError when negative or too large. */
  new (byteLength: number): ArrayBuffer;
}
declare var ArrayBuffer: ArrayBufferConstructor;

type AnyTypedArray = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float64Array;

/** What every typed array has (runtime/js/typed-array.ts); `Self` is the concrete kind. Stores
 *  convert as JavaScript does (ToInt32 then the low bits; Float64Array keeps the double).
 *  Reading or writing outside 0 ≤ i < length is a RangeError in tsuk (docs/LANGUAGE.md). */
interface TypedArrayOf<Self> {
  [Symbol.iterator](): IterableIterator<number>;
  [index: number]: number;
  readonly length: number;
  readonly byteLength: number;
  readonly byteOffset: number;
  readonly buffer: ArrayBuffer;
  at(index: number): number | undefined;
  copyWithin(target: number, start?: number, end?: number): this;
  fill(value: number, start?: number, end?: number): this;
  includes(searchElement: number, fromIndex?: number): boolean;
  indexOf(searchElement: number, fromIndex?: number): number;
  join(separator?: string): string;
  lastIndexOf(searchElement: number, fromIndex?: number): number;
  reverse(): this;
  set(array: number[] | AnyTypedArray, offset?: number): void;
  slice(start?: number, end?: number): Self;
  subarray(begin?: number, end?: number): Self;
  toString(): string;
}
interface TypedArrayConstructorOf<Self> {
  new (length?: number): Self;
  new (array: number[] | AnyTypedArray): Self;
  new (buffer: ArrayBuffer, byteOffset?: number, length?: number): Self;
}

// The brand keeps the kinds apart: structurally they are the same, and an Int8Array must not
// be accepted where a Uint8Array is compiled.
interface Int8Array extends TypedArrayOf<Int8Array> {
  readonly [Symbol.toStringTag]: 'Int8Array';
}
interface Uint8Array extends TypedArrayOf<Uint8Array> {
  readonly [Symbol.toStringTag]: 'Uint8Array';
}
interface Int16Array extends TypedArrayOf<Int16Array> {
  readonly [Symbol.toStringTag]: 'Int16Array';
}
interface Uint16Array extends TypedArrayOf<Uint16Array> {
  readonly [Symbol.toStringTag]: 'Uint16Array';
}
interface Int32Array extends TypedArrayOf<Int32Array> {
  readonly [Symbol.toStringTag]: 'Int32Array';
}
interface Uint32Array extends TypedArrayOf<Uint32Array> {
  readonly [Symbol.toStringTag]: 'Uint32Array';
}
interface Float64Array extends TypedArrayOf<Float64Array> {
  readonly [Symbol.toStringTag]: 'Float64Array';
}
declare var Int8Array: TypedArrayConstructorOf<Int8Array>;
declare var Uint8Array: TypedArrayConstructorOf<Uint8Array>;
declare var Int16Array: TypedArrayConstructorOf<Int16Array>;
declare var Uint16Array: TypedArrayConstructorOf<Uint16Array>;
declare var Int32Array: TypedArrayConstructorOf<Int32Array>;
declare var Uint32Array: TypedArrayConstructorOf<Uint32Array>;
declare var Float64Array: TypedArrayConstructorOf<Float64Array>;

/** Numbers of any width at any byte offset; big-endian unless `littleEndian` is true. */
interface DataView {
  readonly [Symbol.toStringTag]: 'DataView';
  readonly buffer: ArrayBuffer;
  readonly byteLength: number;
  readonly byteOffset: number;
  getInt8(byteOffset: number): number;
  getUint8(byteOffset: number): number;
  getInt16(byteOffset: number, littleEndian?: boolean): number;
  getUint16(byteOffset: number, littleEndian?: boolean): number;
  getInt32(byteOffset: number, littleEndian?: boolean): number;
  getUint32(byteOffset: number, littleEndian?: boolean): number;
  getFloat32(byteOffset: number, littleEndian?: boolean): number;
  getFloat64(byteOffset: number, littleEndian?: boolean): number;
  setInt8(byteOffset: number, value: number): void;
  setUint8(byteOffset: number, value: number): void;
  setInt16(byteOffset: number, value: number, littleEndian?: boolean): void;
  setUint16(byteOffset: number, value: number, littleEndian?: boolean): void;
  setInt32(byteOffset: number, value: number, littleEndian?: boolean): void;
  setUint32(byteOffset: number, value: number, littleEndian?: boolean): void;
  setFloat32(byteOffset: number, value: number, littleEndian?: boolean): void;
  setFloat64(byteOffset: number, value: number, littleEndian?: boolean): void;
}
interface DataViewConstructor {
  new (buffer: ArrayBuffer, byteOffset?: number, byteLength?: number): DataView;
}
declare var DataView: DataViewConstructor;

/** runtime/events/timers.ts: Node's ordering rules; the id is a number (Node returns a Timeout object,
 *  which clearTimeout also takes). */
declare function setTimeout(callback: () => void, ms?: number): number;
declare function setInterval(callback: () => void, ms?: number): number;
declare function clearTimeout(id: number | undefined): void;
declare function clearInterval(id: number | undefined): void;
/** runtime/events/immediates.ts: the loop's check phase; the id is a number (Node: an Immediate). */
declare function setImmediate(callback: () => void): number;
declare function clearImmediate(id: number | undefined): void;
/** runtime/events/microtasks.ts: a job on the promise job queue. */
declare function queueMicrotask(callback: () => void): void;

/** runtime/kernel/time.ts: milliseconds since boot (TSC), and since the epoch (CMOS clock + TSC). */
interface Performance {
  now(): number;
}
declare var performance: Performance;
interface DateConstructor {
  now(): number;
}
declare var Date: DateConstructor;
