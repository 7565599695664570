export type TypedColumn =
  Float64Array | Uint32Array | Int32Array | Uint16Array | Int16Array | Uint8Array;

/**
 * A new column of `Type` with `capacity` rows holding the first `count` values of `column`: to
 * grow a column, or to widen it at a value its type cannot hold. Only the written rows are
 * copied; the rest was never touched and costs no memory (see SideTable).
 */
export function resized<T extends TypedColumn>(
  column: TypedColumn,
  Type: new (length: number) => T,
  capacity: number,
  count: number,
): T {
  const next = new Type(capacity);
  next.set(column.subarray(0, count));
  return next;
}
