// `new Array(n)` / `Array(n)` and `Array.prototype.fill`: the everyday way JavaScript programs
// make an array of n elements (`new Array(n).fill(0)`).
//
// tsuk arrays have no holes: the n elements of `new Array(n)` are zero (0, false, or the null
// reference) until filled, as a grown `a.length` gives (docs/LANGUAGE.md).

import type { u32 } from 'tsuk';
import { load32, store32, storeF64 } from 'tsuk:hw';
import { newArray, pushSlot } from './array';
import { ARRAY_DATA, ARRAY_LENGTH } from '../abi/layout';

/** `new Array(length)`: RangeError for a length that is not an integer in 0 … 2^32 − 1. */
export function newArrayOfLength(length: number, elemSize: u32): u32 {
  if (!(length >= 0 && length <= 4294967295 && Math.floor(length) === length)) throw new RangeError('Invalid array length');
  const arr: u32 = newArray(0, elemSize);
  // Zeroed elements, allocated as growth allocates them.
  if (elemSize === 8) {
    for (let i = 0; i < length; i++) pushZero8(arr);
  } else {
    for (let i = 0; i < length; i++) pushZero4(arr);
  }
  return arr;
}

function pushZero8(arr: u32): void {
  storeF64(pushSlot(arr), 0);
}

function pushZero4(arr: u32): void {
  store32(pushSlot(arr), 0);
}

/** start/end of fill as JS resolves them: relative to the end when negative, clamped. */
function resolve(index: number, length: number): number {
  const i = index !== index ? 0 : Math.trunc(index);
  if (i < 0) return length + i < 0 ? 0 : length + i;
  return i > length ? length : i;
}

/** `a.fill(value, start, end)` for arrays of numbers (8-byte elements). */
export function fillNumbers(arr: u32, value: number, start: number, end: number): u32 {
  const data: u32 = load32(arr + ARRAY_DATA);
  const to: u32 = fillEnd(arr, end);
  for (let i: u32 = fillStart(arr, start); i < to; i++) storeF64(data + i * 8, value);
  return arr;
}

/** `a.fill(value, start, end)` for arrays of references and booleans (4-byte elements). */
export function fillWords(arr: u32, value: u32, start: number, end: number): u32 {
  const data: u32 = load32(arr + ARRAY_DATA);
  const to: u32 = fillEnd(arr, end);
  for (let i: u32 = fillStart(arr, start); i < to; i++) store32(data + i * 4, value);
  return arr;
}

function fillStart(arr: u32, start: number): u32 {
  return resolve(start, load32(arr + ARRAY_LENGTH));
}

function fillEnd(arr: u32, end: number): u32 {
  return resolve(end, load32(arr + ARRAY_LENGTH));
}
