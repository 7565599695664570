/**
 * A copy of `array` in a bigger one (twice the size, or `atLeast`), for the growing typed-array
 * columns of the flame and pprof builders. Only the copied part is touched; the rest costs no
 * memory until it is written.
 */
export function grownInt32(array: Int32Array, atLeast: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(array.length * 2, atLeast));
  bigger.set(array);
  return bigger;
}
