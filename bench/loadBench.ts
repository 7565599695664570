export async function loadBench(): Promise<void> {
  throw new Error('not written');
}
