'use client';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { AutosaveEngine, type AutosaveState, type Stored, type Transport } from './engine';
import { KeptCopies, newTabId, type ParseValue, type StorageLike } from './kept-copies';

export interface UseAutosaveOptions<T> {
  /** What the server had when the page was rendered. Read once: later renders never replace what is being typed. */
  initial: Stored<T>;
  transport: Transport<T>;
  equal(a: T, b: T): boolean;
  problem?(value: T): string | null;
  /** The value the server holds when it holds nothing. */
  empty: T;
  /** Where this browser keeps unsent work (localStorage); the key must name the person and the piece of work. */
  storageKey: string;
  /** Reads a kept copy back; null for anything that is not a value of this form. */
  parse: ParseValue<T>;
  delayMs?: number;
  keepDelayMs?: number;
  /** The stored copy now, to show work saved from another tab when this one comes back into view. */
  fetchLatest?: () => Promise<Stored<T> | null>;
}

function browserStorage(): StorageLike | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: autosave still works, without the kept copy
  }
}

/**
 * One autosave engine for the life of the page, connected to React and to the browser: the kept copy is looked
 * at after the first render, a save is sent when the browser comes back online or the tab comes back into view,
 * and leaving the page (or the route) sends what is pending.
 */
export function useAutosave<T>(opts: UseAutosaveOptions<T>) {
  // Callers may pass new function identities each render; the engine always calls the latest ones.
  const latest = useRef(opts);
  useEffect(() => {
    latest.current = opts;
  });
  // The engine's callbacks read `latest` when the engine calls them (after a keystroke or a timer), never during render.
  /* eslint-disable react-hooks/refs */
  const [engine] = useState(
    () =>
      new AutosaveEngine<T>({
        initial: opts.initial,
        empty: opts.empty,
        delayMs: opts.delayMs,
        keepDelayMs: opts.keepDelayMs,
        transport: (body, o) => latest.current.transport(body, o),
        equal: (a, b) => latest.current.equal(a, b),
        problem: (v) => latest.current.problem?.(v) ?? null,
        isOnline: () => typeof navigator === 'undefined' || navigator.onLine !== false,
      }),
  );
  /* eslint-enable react-hooks/refs */
  const state: AutosaveState<T> = useSyncExternalStore(engine.subscribe, engine.getState, engine.getState);

  const { storageKey } = opts;
  useEffect(() => {
    engine.open(new KeptCopies(browserStorage(), storageKey, newTabId(), (raw) => latest.current.parse(raw)));
    // Only on first load: the kept copy is compared with what the page was rendered with.
  }, [engine, storageKey]);

  useEffect(() => {
    const online = () => engine.resume();
    const visibility = () => {
      if (document.visibilityState === 'visible') {
        engine.resume();
        // Another tab may have saved meanwhile: show its version before this tab is typed in.
        void latest.current.fetchLatest?.().then((copy) => copy && engine.adoptNewer(copy));
      } else {
        void engine.flush();
      }
    };
    const leave = () => engine.leave();
    const warn = (e: BeforeUnloadEvent) => {
      if (engine.wouldLoseWork()) e.preventDefault();
    };
    window.addEventListener('online', online);
    document.addEventListener('visibilitychange', visibility);
    window.addEventListener('pagehide', leave);
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('online', online);
      document.removeEventListener('visibilitychange', visibility);
      window.removeEventListener('pagehide', leave);
      window.removeEventListener('beforeunload', warn);
      // Navigating elsewhere in the app: keep the copy and send what is pending now rather than after the pause.
      engine.keepNow();
      void engine.flush();
    };
  }, [engine]);

  /** Like React's setState: a new value, or a function of the current one. */
  const setValue = useCallback(
    (next: T | ((current: T) => T)) => {
      engine.edit(typeof next === 'function' ? (next as (current: T) => T)(engine.getState().value) : next);
    },
    [engine],
  );

  return { state, setValue, engine };
}
