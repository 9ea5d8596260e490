import crypto from 'node:crypto';
import { FileStoreConfigError } from './errors';

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A new storage key: random, so it says nothing about the file and cannot be guessed. */
export function newFileKey(): string {
  return crypto.randomUUID();
}

/** Every store refuses keys that are not uuids: defence in depth against path tricks. */
export function assertKey(key: string): void {
  if (!KEY.test(key)) throw new FileStoreConfigError(`refusing file key ${JSON.stringify(key)}: keys are uuids`);
}
