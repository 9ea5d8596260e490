import crypto from 'node:crypto';
import { FileStoreConfigError } from './errors';
import { isUuid } from '@/lib/ids';

/** A new storage key: random, so it says nothing about the file and cannot be guessed. */
export function newFileKey(): string {
  return crypto.randomUUID();
}

/** Every store refuses keys that are not uuids: defence in depth against path tricks. */
export function assertKey(key: string): void {
  // Lower case only, as crypto.randomUUID() writes them.
  if (!isUuid(key) || key !== key.toLowerCase())
    throw new FileStoreConfigError(`refusing file key ${JSON.stringify(key)}: keys are uuids`);
}
