// A Uint8Array whose element reads and writes outside 0 ≤ i < length throw, as they do in the
// unikernel (Node returns undefined there): fuzz tests wrap received frames in it so that an
// out-of-bounds access in the stack fails the test on Node too.

export function strict(bytes: Uint8Array): Uint8Array {
  return new Proxy(bytes, {
    get(target, key) {
      if (typeof key === 'string' && /^-?\d+$/.test(key) && !(Number(key) >= 0 && Number(key) < target.length)) {
        throw new RangeError(`index ${key} is out of bounds for length ${target.length}`);
      }
      const v = Reflect.get(target, key, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
    set(target, key, value) {
      if (typeof key === 'string' && /^-?\d+$/.test(key) && !(Number(key) >= 0 && Number(key) < target.length)) {
        throw new RangeError(`index ${key} is out of bounds for length ${target.length}`);
      }
      return Reflect.set(target, key, value, target);
    },
  });
}
