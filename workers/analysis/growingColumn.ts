type TypedColumn = Float64Array | Int32Array | Int8Array | Uint8Array;
type ColumnType<T extends TypedColumn> = { new (length: number): T };

/** The array itself if index fits, else a copy twice as long (or more), new slots set to fill. */
export function withRoom<T extends TypedColumn>(array: T, index: number, fill: number): T {
  if (index < array.length) return array;
  let length = Math.max(16, array.length * 2);
  while (length <= index) length *= 2;
  const bigger = new (array.constructor as ColumnType<T>)(length);
  // New arrays are zeroed: filling with 0 would only touch their memory early.
  if (fill !== 0) bigger.fill(fill, array.length);
  bigger.set(array as never);
  return bigger;
}
