'use client';
import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Autosave with the portal's conflict rules: each save names the version it was based on; a stale save
 * comes back as a conflict with the stored value, and nothing is overwritten until the person chooses.
 * Every change is also kept in localStorage until the server has it, so closing the tab or losing the
 * connection loses nothing; failed saves are retried (with back-off, and when the browser is back online).
 */

export interface Stored<T> {
  value: T;
  version: number;
  at?: string;
}

export type SendResult<T> =
  | { kind: 'saved'; version: number; at: string }
  | { kind: 'conflict'; current: Stored<T> | null; message: string }
  | { kind: 'error'; message: string; retry: boolean };

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'offline' | 'error' | 'conflict';

export interface Conflict<T> {
  mine: T;
  theirs: Stored<T> | null;
  /** Where "mine" came from: this page, or a copy this browser kept from an earlier visit. */
  mineOrigin: 'page' | 'device';
  mineAt?: string;
}

interface Options<T> {
  storageKey: string;
  initial: T;
  initialVersion: number;
  initialSavedAt: string | null;
  send: (value: T, version: number) => Promise<SendResult<T>>;
  equal: (a: T, b: T) => boolean;
  delayMs?: number;
}

interface LocalCopy<T> {
  value: T;
  baseVersion: number;
  at: string;
}

function readLocal<T>(key: string): LocalCopy<T> | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as LocalCopy<T>) : null;
  } catch {
    return null;
  }
}

export function useVersionedAutosave<T>(opts: Options<T>) {
  const { storageKey } = opts;
  // Callers may pass new function identities each render; the hook always uses the latest ones.
  const sendRef = useRef(opts.send);
  const equalRef = useRef(opts.equal);
  useEffect(() => {
    sendRef.current = opts.send;
    equalRef.current = opts.equal;
  });
  const send = useCallback((v: T, version: number) => sendRef.current(v, version), []);
  const equal = useCallback((a: T, b: T) => equalRef.current(a, b), []);
  const delay = opts.delayMs ?? 1200;
  const [value, setValueState] = useState<T>(opts.initial);
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [message, setMessage] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(opts.initialSavedAt);
  const [version, setVersionState] = useState(opts.initialVersion);
  const [conflict, setConflict] = useState<Conflict<T> | null>(null);
  const [restored, setRestored] = useState(false);

  const valueRef = useRef(opts.initial);
  const versionRef = useRef(opts.initialVersion);
  const savedRef = useRef<T>(opts.initial);
  const conflictRef = useRef(false);
  const flight = useRef<Promise<'sent' | 'failed'> | null>(null);
  const force = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const localTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const backoff = useRef(0);
  const flushRef = useRef<() => Promise<boolean>>(async () => true);

  const setVersion = (v: number) => {
    versionRef.current = v;
    setVersionState(v);
  };

  const keepLocal = useCallback(() => {
    if (localTimer.current) clearTimeout(localTimer.current);
    localTimer.current = setTimeout(() => {
      try {
        const copy: LocalCopy<T> = { value: valueRef.current, baseVersion: versionRef.current, at: new Date().toISOString() };
        window.localStorage.setItem(storageKey, JSON.stringify(copy));
      } catch {
        // Storage full or disabled: the server copy is then the only one, which the status says.
      }
    }, 300);
  }, [storageKey]);

  const dropLocal = useCallback(() => {
    if (localTimer.current) clearTimeout(localTimer.current);
    try {
      window.localStorage.removeItem(storageKey);
    } catch {
      // nothing kept, nothing to remove
    }
  }, [storageKey]);

  const schedule = useCallback((ms: number) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flushRef.current(), ms);
  }, []);

  /** One save of the current value: 'sent' when the server took it, 'failed' otherwise. */
  const attempt = useCallback(async (): Promise<'sent' | 'failed'> => {
    const sending = valueRef.current;
    setStatus('saving');
    let result: SendResult<T>;
    try {
      result = await send(sending, versionRef.current);
    } catch {
      setStatus('offline');
      setMessage(null);
      backoff.current = Math.min(30_000, backoff.current ? backoff.current * 2 : 2000);
      schedule(backoff.current);
      return 'failed';
    }
    if (result.kind === 'saved') {
      backoff.current = 0;
      force.current = false;
      setVersion(result.version);
      savedRef.current = sending;
      setSavedAt(result.at);
      return 'sent';
    }
    if (result.kind === 'conflict') {
      conflictRef.current = true;
      setConflict({ mine: valueRef.current, theirs: result.current, mineOrigin: 'page' });
      setStatus('conflict');
      setMessage(result.message);
      return 'failed';
    }
    setStatus('error');
    setMessage(result.message);
    if (result.retry) {
      backoff.current = Math.min(30_000, backoff.current ? backoff.current * 2 : 4000);
      schedule(backoff.current);
    }
    return 'failed';
  }, [schedule, send]);

  /** Saves until what is on screen is on the server; true when it is. */
  const flush = useCallback(async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    if (flight.current) await flight.current;
    // Typing may continue while a save is in flight: keep going until the latest text is saved.
    for (;;) {
      if (conflictRef.current) return false;
      if (!force.current && equal(valueRef.current, savedRef.current)) {
        setStatus('saved');
        setMessage(null);
        dropLocal();
        return true;
      }
      flight.current = attempt();
      const outcome = await flight.current;
      flight.current = null;
      if (outcome === 'failed') return false;
    }
  }, [attempt, dropLocal, equal]);

  useEffect(() => {
    flushRef.current = flush;
  }, [flush]);

  const setValue = useCallback((next: T | ((prev: T) => T)) => {
    const v = typeof next === 'function' ? (next as (prev: T) => T)(valueRef.current) : next;
    valueRef.current = v;
    setValueState(v);
    if (conflictRef.current) {
      // Typing goes on while the choice is shown: "this page's version" is what the page holds now, not what it
      // held when the conflict arrived, so choosing it keeps every word typed since.
      setConflict((c) => (c && c.mineOrigin === 'page' ? { ...c, mine: v } : c));
      keepLocal();
      return;
    }
    setStatus((s) => (s === 'offline' || s === 'error' ? s : 'pending'));
    keepLocal();
    schedule(delay);
  }, [delay, keepLocal, schedule]);

  /** After an upload or a choice: this value is what the server now holds. */
  const replace = useCallback((v: T, serverVersion: number, at?: string) => {
    valueRef.current = v;
    savedRef.current = v;
    setValueState(v);
    setVersion(serverVersion);
    if (at) setSavedAt(at);
    conflictRef.current = false;
    setConflict(null);
    setStatus('saved');
    setMessage(null);
    dropLocal();
  }, [dropLocal]);

  const keepMine = useCallback(() => {
    if (!conflict) return;
    conflictRef.current = false;
    setConflict(null);
    valueRef.current = conflict.mine;
    setValueState(conflict.mine);
    setVersion(conflict.theirs?.version ?? 0);
    // Send mine over the stored version even if it happens to equal what was last saved here.
    force.current = true;
    void flushRef.current();
  }, [conflict]);

  const takeTheirs = useCallback(() => {
    if (!conflict) return;
    if (conflict.theirs) replace(conflict.theirs.value, conflict.theirs.version, conflict.theirs.at);
    else replace(opts.initial, 0);
  }, [conflict, opts.initial, replace]);

  // A copy this browser kept from an earlier visit that never reached the server.
  useEffect(() => {
    const local = readLocal<T>(storageKey);
    if (!local) return;
    if (equal(local.value, opts.initial)) {
      dropLocal();
      return;
    }
    valueRef.current = local.value;
    setValueState(local.value);
    if (local.baseVersion === opts.initialVersion) {
      setRestored(true);
      setStatus('pending');
      schedule(0);
    } else {
      conflictRef.current = true;
      setConflict({ mine: local.value, theirs: { value: opts.initial, version: opts.initialVersion, at: opts.initialSavedAt ?? undefined }, mineOrigin: 'device', mineAt: local.at });
      setStatus('conflict');
    }
    // Runs once per page load, with the props the page was rendered with.
  }, []);

  useEffect(() => {
    const online = () => {
      if (!conflictRef.current) void flushRef.current();
    };
    const leaving = (e: BeforeUnloadEvent) => {
      if (!equal(valueRef.current, savedRef.current)) e.preventDefault();
    };
    window.addEventListener('online', online);
    window.addEventListener('beforeunload', leaving);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('beforeunload', leaving);
    };
  }, [equal]);

  // Leaving the page inside the app: keep unsaved text on this device and make one last attempt to save it.
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
    if (localTimer.current) clearTimeout(localTimer.current);
    if (equalRef.current(valueRef.current, savedRef.current)) return;
    try {
      const copy: LocalCopy<T> = { value: valueRef.current, baseVersion: versionRef.current, at: new Date().toISOString() };
      window.localStorage.setItem(storageKey, JSON.stringify(copy));
    } catch {
      // nothing more can be done from here
    }
    if (!conflictRef.current) void flushRef.current();
  }, [storageKey]);

  /** The server version right now (state lags a render behind after a save). */
  const currentVersion = useCallback(() => versionRef.current, []);

  return {
    value, setValue, status, message, savedAt, version, conflict, restored,
    saveNow: flush, replace, keepMine, takeTheirs, currentVersion,
  };
}
