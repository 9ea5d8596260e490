import { useEffect } from 'react';

/**
 * Registers public/sw.js (offline module pages and capture page, background sync of captures), from the pages that
 * need it: the module pages' header (LiveHeader) and the capture page. Once registered it serves every page; not
 * registered from the app shell, whose every byte counts against the report page's budget (js-budget.test.ts).
 */
export function useServiceWorker() {
  useEffect(() => {
    if ('serviceWorker' in navigator && window.isSecureContext)
      navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {});
  }, []);
}
