'use client';
import { useEffect } from 'react';

/** Registers public/sw.js (offline module pages and capture page, background sync of captures). Renders nothing. */
export function ServiceWorker() {
  useEffect(() => {
    if ('serviceWorker' in navigator && window.isSecureContext)
      navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {});
  }, []);
  return null;
}
