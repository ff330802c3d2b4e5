/**
 * A POSIX ustar archive of flat files (names under 100 bytes), as one Buffer:
 * per file a 512-byte header (name, mode 0644, size and mtime in octal, the
 * header checksum) and the content padded to 512 bytes, then two zero blocks
 * (IEEE Std 1003.1, pax "ustar Interchange Format"). Enough to hand a run
 * folder to a browser without a dependency; `tar xf` unpacks it.
 */
export function tarFiles(folder: string, files: ReadonlyArray<{ name: string; content: Buffer | string }>, mtime = 0): Buffer {
  const parts: Buffer[] = [];
  const octal = (n: number, width: number) => n.toString(8).padStart(width - 1, '0') + '\0';
  for (const f of [{ name: `${folder}/`, content: '' , dir: true }, ...files.map((f) => ({ ...f, name: `${folder}/${f.name}`, dir: false }))]) {
    const body = Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content, 'utf8');
    if (Buffer.byteLength(f.name) >= 100) throw new Error(`tar: name too long: ${f.name}`);
    const h = Buffer.alloc(512);
    h.write(f.name, 0, 'utf8');
    h.write(octal(f.dir ? 0o755 : 0o644, 8), 100);
    h.write(octal(0, 8), 108);
    h.write(octal(0, 8), 116);
    h.write(octal(f.dir ? 0 : body.length, 12), 124);
    h.write(octal(mtime, 12), 136);
    h.write('        ', 148); // checksum field counts as spaces while summing
    h.write(f.dir ? '5' : '0', 156);
    h.write('ustar\0', 257);
    h.write('00', 263);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
    parts.push(h);
    if (!f.dir) {
      parts.push(body);
      const pad = (512 - (body.length % 512)) % 512;
      if (pad) parts.push(Buffer.alloc(pad));
    }
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}
