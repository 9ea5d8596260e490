// Shared class names (a plain module: exports of a 'use client' file are references, not strings, on the server).
export const inputClass = 'w-full rounded-md border border-line bg-white px-3 py-2 text-base shadow-inner focus:border-brand-500';
export const labelClass = 'mb-1 block text-sm font-medium';
export const secondaryButton = 'rounded-md border border-line bg-white px-3 py-1.5 text-sm font-medium text-ink hover:bg-canvas disabled:opacity-60';
export const dangerButton = 'rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-60';
export const primaryButton = 'rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60';
