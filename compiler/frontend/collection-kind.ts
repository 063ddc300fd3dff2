// Which of the lib's keyed collections a type is: `Map<K, V>` or `Set<T>`. Its own module so
// that lower-map.ts (which builds a Map from any iterable) and lower-iterable.ts (which walks
// a Map) can both ask without importing each other.

import { Type } from 'ts-morph';
import { libTypeName } from './types';

export type Collection = 'map' | 'set';

/** `Map<K, V>` or `Set<T>` of tsuk's lib typings. */
export function collectionKind(t: Type): Collection | undefined {
  const name = libTypeName(t);
  return name === 'Map' ? 'map' : name === 'Set' ? 'set' : undefined;
}
