// String building: a comma-separated list of "item<i>" built with += and template literals,
// then hashed unit by unit with charCodeAt. Checksum: the hash, folded to int32.

export function stringsKernel(): number {
  let h = 0;
  for (let round = 0; round < 4; round++) {
    let s = '';
    for (let i = 0; i < 500; i++) s += `item${i * 7 + round},`;
    for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
    h = (h + s.length) | 0;
  }
  return h;
}
