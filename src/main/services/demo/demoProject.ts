// PLACEHOLDER — being written by the exporters/CLI helper. Signature is fixed:
/** Creates the Russian demo project (resources/demo) at `file`. */
export async function createDemoProject(_file: string): Promise<void> {
  throw new Error('createDemoProject is not written yet')
}
