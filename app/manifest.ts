import type { MetadataRoute } from 'next';

/** Makes the portal installable on a phone's home screen (issue 24): capture evidence opens straight away. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'Criterion',
    short_name: 'Criterion',
    description: 'Learning and assessment portal for occupational standards',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#114f50',
    icons: [
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
    shortcuts: [{ name: 'Capture evidence', url: '/learner/evidence/capture' }],
  };
}
