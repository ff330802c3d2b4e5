/** `forecast discover <scenario> --claim <id>`: PRIM scenario discovery. */
export async function discoverCommand(_file: string, _raw: Record<string, unknown>): Promise<void> {
  throw new Error('not yet');
}
