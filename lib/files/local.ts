import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { assertKey } from './keys';
import type { ByteRange, FileStore } from './store';

/**
 * Files on local disk under UPLOAD_DIR (git-ignored), spread over 256 sub-folders by the key's first
 * two characters. Writes go to a temporary name first, so a crash never leaves a half-written file
 * under a real key.
 */
export class LocalFileStore implements FileStore {
  constructor(readonly root: string) {}

  private pathFor(key: string): string {
    assertKey(key);
    return path.join(this.root, key.slice(0, 2), key);
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const file = this.pathFor(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${crypto.randomBytes(6).toString('hex')}.part`;
    try {
      await fs.writeFile(tmp, bytes, { flag: 'wx', mode: 0o600 });
      await fs.rename(tmp, file);
    } catch (e) {
      await fs.rm(tmp, { force: true });
      throw e;
    }
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await fs.readFile(this.pathFor(key)));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async read(key: string, range?: ByteRange): Promise<ReadableStream<Uint8Array> | null> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.pathFor(key), 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    // The stream closes the file when it ends, fails or is cancelled (a player that seeks elsewhere).
    const stream = handle.createReadStream(range ? { start: range.start, end: range.end } : {});
    return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathFor(key), { force: true });
  }
}
