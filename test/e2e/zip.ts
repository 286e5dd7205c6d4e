// A small ZIP reader (central directory + stored/deflated entries), enough for .vsix files:
// listing their contents in the packaging test and unpacking one for the extension-host suite.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  compressedSize: number;
  size: number;
  method: number;
  localHeaderOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;

/** Reads the central directory of a ZIP file. Throws with the offset on malformed input. */
export function listZip(buf: Buffer): ZipEntry[] {
  // End of central directory: last 22 bytes + up to 64 KiB of comment.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('zip: end of central directory not found (not a zip file?)');
  const count = buf.readUInt16LE(eocd + 10);
  let off = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(off) !== CEN_SIG) throw new Error(`zip: bad central directory entry at offset ${off}`);
    const method = buf.readUInt16LE(off + 10);
    const compressedSize = buf.readUInt32LE(off + 20);
    const size = buf.readUInt32LE(off + 24);
    const nameLen = buf.readUInt16LE(off + 28);
    const extraLen = buf.readUInt16LE(off + 30);
    const commentLen = buf.readUInt16LE(off + 32);
    const localHeaderOffset = buf.readUInt32LE(off + 42);
    const name = buf.toString('utf8', off + 46, off + 46 + nameLen);
    entries.push({ name, compressedSize, size, method, localHeaderOffset });
    off += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The uncompressed bytes of one entry. */
export function readEntry(buf: Buffer, e: ZipEntry): Buffer {
  const off = e.localHeaderOffset;
  if (buf.readUInt32LE(off) !== LOC_SIG) throw new Error(`zip: bad local header for ${e.name} at offset ${off}`);
  const dataStart = off + 30 + buf.readUInt16LE(off + 26) + buf.readUInt16LE(off + 28);
  const raw = buf.subarray(dataStart, dataStart + e.compressedSize);
  if (e.method === 0) return Buffer.from(raw);
  if (e.method === 8) return zlib.inflateRawSync(raw);
  throw new Error(`zip: ${e.name} uses unsupported compression method ${e.method}`);
}

/** Extracts every file entry under `dest` (refuses paths escaping it). */
export function extractZip(file: string, dest: string): void {
  const buf = fs.readFileSync(file);
  const root = path.resolve(dest);
  for (const e of listZip(buf)) {
    if (e.name.endsWith('/')) continue;
    const target = path.resolve(root, e.name);
    if (!target.startsWith(root + path.sep)) throw new Error(`zip: entry escapes the destination: ${e.name}`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, readEntry(buf, e));
  }
}
