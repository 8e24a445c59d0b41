import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Total size of a folder: apparent bytes (what the files hold) and allocated bytes (what the
 * file system reserves, in 512-byte blocks), since many small JSON files cost more than their
 * length on disk.
 */
export function folderSize(dir) {
  let bytes = 0;
  let allocated = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = folderSize(path);
      bytes += sub.bytes;
      allocated += sub.allocated;
      files += sub.files;
    } else if (entry.isFile()) {
      const st = statSync(path);
      bytes += st.size;
      allocated += st.blocks * 512;
      files += 1;
    }
  }
  return { bytes, allocated, files };
}
