// tsuk's own standard library typings: the global names a tsuk program may use.
//
// The frontend type-checks services and the OS library against this file instead of
// TypeScript's lib.es*.d.ts (noLib). It declares only what the compiler implements, so using
// anything else is a plain type error at compile time rather than a surprise in the guest.
// TypeScript itself requires the interfaces Array, Boolean, Function, IArguments, Number,
// Object, RegExp and String to exist; the ones tsuk does not support stay empty.

/// <reference no-default-lib="true"/>

interface Object {}
interface Function {}
interface CallableFunction extends Function {}
interface NewableFunction extends Function {}
interface IArguments {}
interface RegExp {}
interface Boolean {}
interface Symbol {}

interface Number {}

interface String {
  /** Number of UTF-16 code units. */
  readonly length: number;
  /** A one-unit string; outside the string a RangeError in tsuk (docs/LANGUAGE.md). */
  readonly [index: number]: string;
  /** The UTF-16 code unit at `index`, or NaN when out of range. */
  charCodeAt(index: number): number;
  charAt(pos?: number): string;
}

interface StringConstructor {
  fromCharCode(...codes: number[]): string;
}
declare var String: StringConstructor;

interface Array<T> {
  /** Reading or writing outside 0 ≤ i ≤ length is a RangeError in tsuk (docs/LANGUAGE.md). */
  length: number;
  [n: number]: T;
  push(...items: T[]): number;
  pop(): T | undefined;
  shift(): T | undefined;
  unshift(...items: T[]): number;
  splice(start: number, deleteCount?: number, ...items: T[]): T[];
  slice(start?: number, end?: number): T[];
  concat(...items: T[][]): T[];
  reverse(): T[];
  indexOf(searchElement: T, fromIndex?: number): number;
  includes(searchElement: T, fromIndex?: number): boolean;
  join(separator?: string): string;
}
interface IterableIterator<T> {}
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

declare var NaN: number;
declare var Infinity: number;

/** Declared only so that tsuk can say why it is refused (TSK1002), instead of "cannot find name". */
declare function eval(x: string): unknown;
