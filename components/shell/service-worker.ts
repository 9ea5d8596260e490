import { useEffect } from 'react';

/**
 * Registers public/sw.js (offline module pages and capture page, background sync of captures), from the pages that
 * need it: the module pages' header (LiveHeader) and the capture page. Once registered it serves every page; not
 * registered from the app shell, whose every byte counts against the report page's budget (js-budget.test.ts).
 */
export function useServiceWorker() {
  useEffect(() => {
    // Not in development: its build files are not content-hashed, and a cache-first worker would serve stale code.
    if (process.env.NODE_ENV === 'production' && 'serviceWorker' in navigator && window.isSecureContext)
      navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {});
  }, []);
}
