type NumberArray = Uint8Array | Int32Array | Uint32Array | Float32Array | Float64Array;

/**
 * A copy of array with room for at least `needed` elements, doubling so appends stay amortised O(1);
 * returns array itself when it is already big enough. New room is zero, callers fill it when it matters.
 */
export function grownTo<T extends NumberArray>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  let capacity = Math.max(array.length, 16);
  while (capacity < needed) capacity *= 2;
  const Ctor = array.constructor as new (length: number) => T;
  const next = new Ctor(capacity);
  next.set(array);
  return next;
}
