export async function traceBench(): Promise<void> {
  throw new Error('not written');
}
