export async function viewsBench(): Promise<void> {
  throw new Error('not written');
}
