// The memory layouts the compiler and the runtime must agree on, written down once.
//
// The compiler (compiler/, built by tsc) lays out descriptors, string literals, closures and
// boxes and emits loads and stores at these offsets; the runtime (compiled by tsuk) allocates
// and reads the same objects. Both import this file: keep it to `export const` numbers, which
// tsc compiles as they are and tsuk folds into literals at every use. Offsets are in bytes
// from the object's address; every heap object starts with a word that says what it is (a
// tag for the runtime's own objects, the class descriptor for class instances).
// test/abi.test.ts checks that no runtime file or compiler file defines these again.

// ---- class instances: [descriptor][fields…] ----
export const OBJECT_HEADER_BYTES = 4;

// Descriptors (rodata, one per class and object-literal shape; runtime/js/object.ts, gc-mark.ts).
export const DESCRIPTOR_PARENT = 0; // the parent class's descriptor, or 0
export const DESCRIPTOR_SIZE = 4; // instance bytes
export const DESCRIPTOR_CLASS_ID = 8; // FIRST_CLASS_ID…; 0 for object literals
export const DESCRIPTOR_NAME = 12; // the class name, a string
export const DESCRIPTOR_MEMBERS = 16; // the member table for structural access, or 0
export const DESCRIPTOR_POINTER_MAP = 20; // the collector's pointer map (see below)
export const DESCRIPTOR_VTABLE = 24; // method addresses, one word per slot, from here
export const FIRST_CLASS_ID = 2;
// Pointer map word: odd = an inline bitmap of the reference words after the header (bit 0 set);
// even = the address of [count][(first word, words)…] ranges, or 0 for none.
export const POINTER_MAP_INLINE = 1;

// Member tables: [count][entries…], an entry [selector][kind][code][aux] sorted by selector.
export const MEMBER_TABLE_ENTRIES = 4;
export const MEMBER_ENTRY_BYTES = 16;
export const MEMBER_GET = 1;
export const MEMBER_SET = 2;
export const MEMBER_CALL = 3;

// ---- closures: [tag][code][captured…] (a box per captured variable, or `this`) ----
export const CLOSURE_CODE = 4;
export const CLOSURE_ENV_FIRST = 8;
// An object literal with capturing methods keeps its boxes where a closure does.
export const OBJECT_ENV_FIRST = 8;

// ---- boxes of captured variables: [tag][pad][value], 16 bytes (room for an f64) ----
export const BOX_VALUE = 8;
export const BOX_BYTES = 16;

// ---- strings: [tag][length][address of the UTF-16 units][units…] (runtime/js/string.ts) ----
// A flat string (literals, most results) holds its units itself, from STRING_UNITS, and its
// data word points there; a string built by appending points into a shared growable buffer.
export const STRING_TAG = 1;
export const STRING_LENGTH = 4;
export const STRING_DATA = 8;
export const STRING_UNITS = 12;

// ---- arrays: [tag][length][capacity][data][element size], elements out of line ----
export const ARRAY_TAG = 2;
export const ARRAY_LENGTH = 4;
export const ARRAY_CAPACITY = 8;
export const ARRAY_DATA = 12;
export const ARRAY_ELEM_SIZE = 16;
export const ARRAY_HEADER_BYTES = 20;

// ---- typed arrays: [tag][length][data][buffer][byteOffset][kind] ----
export const TYPED_ARRAY_TAG = 3;
export const TA_LENGTH = 4; // in elements
export const TA_DATA = 8; // the buffer's data + byteOffset
export const TA_BUFFER = 12;
export const TA_BYTE_OFFSET = 16;
export const TA_KIND = 20;
export const TA_HEADER_BYTES = 24;
// A Buffer (runtime/js/buffer.ts) is a Uint8Array whose kind word also has this bit.
export const TA_KIND_BUFFER = 0x100;

// ---- ArrayBuffer: [tag][byteLength][data] ----
export const ARRAY_BUFFER_TAG = 4;
export const BUFFER_BYTE_LENGTH = 4;
export const BUFFER_DATA = 8;
export const BUFFER_HEADER_BYTES = 12;

// ---- DataView: [tag][byteLength][data][buffer][byteOffset] ----
export const DATA_VIEW_TAG = 5;
export const DV_BYTE_LENGTH = 4;
export const DV_DATA = 8;
export const DV_BUFFER = 12;
export const DV_BYTE_OFFSET = 16;
export const DV_HEADER_BYTES = 20;

// ---- union values (compiler/frontend/lower-union.ts, runtime/js/union.ts) ----
// A value of a mixed union type (`string | number`, `number | Foo`) is one reference: strings
// and objects as themselves, null as 0, and numbers and booleans in boxes of their own, which
// hold no references (allocated pointer-free). Their tags follow the runtime's small tags.
// number box: [tag][pad][f64]
export const NUMBER_BOX_TAG = 6;
export const NUMBER_BOX_VALUE = 8;
export const NUMBER_BOX_BYTES = 16;
// boolean box: [tag][0 or 1]
export const BOOLEAN_BOX_TAG = 7;
export const BOOLEAN_BOX_VALUE = 4;
export const BOOLEAN_BOX_BYTES = 8;

// ---- absent numbers (compiler/frontend/absent.ts, runtime/js/absent.ts) ----
// `number | undefined`, `number | null` and `boolean | undefined` are doubles; undefined and null
// are two signalling NaNs with payloads nothing else makes (arithmetic makes 0xfff80000_00000000,
// the `NaN` literal 0x7ff80000_00000000), told apart from a real NaN by their high word (the
// low word is 0). Arithmetic quiets a signalling NaN (sets bit 19 of the high word), so what
// it makes of one is a real NaN, as `undefined + 1` is in Node.
export const ABSENT_UNDEFINED_HIGH = 0x7ff50001;
export const ABSENT_NULL_HIGH = 0x7ff50002;
// A reference type that holds both null and undefined (`string | null | undefined`, `Foo |
// number | null | undefined`) holds null as 0 and undefined as one static object in rodata,
// [UNDEFINED_TAG][0xffffffff]: its second word, read as a string's length, is no string's.
export const UNDEFINED_TAG = 8;

// ---- Map and Set tables (runtime/js/ordered-hash.ts, whose header describes them; the
// compiler's inline probe of number keys, compiler/frontend/lower-map-probe.ts) ----
// The table: [tag][size][key kind][buckets][mask][entries]…; an entry of ORDERED_HASH_ENTRY_BYTES:
// [key f64][value][chain link][serial]. A bucket and a chain link hold area position + 1, or 0.
export const ORDERED_HASH_SIZE = 4;
export const ORDERED_HASH_KIND = 8;
export const ORDERED_HASH_BUCKETS = 12;
export const ORDERED_HASH_MASK = 16;
export const ORDERED_HASH_ENTRIES = 20;
export const ORDERED_HASH_ENTRY_BYTES = 24;
export const ORDERED_HASH_VALUE = 8;
export const ORDERED_HASH_CHAIN = 16;
// An int32 key's hash is (k * this) ^ ((k * this) >>> 16), modulo 2^32 (hashInt).
export const ORDERED_HASH_INT_MULTIPLIER = 0x9e3779b1;
