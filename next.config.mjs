/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files by URL; bundling it breaks those paths.
  serverExternalPackages: ['@electric-sql/pglite', 'argon2'],
  // forbidden() renders app/forbidden.tsx with a real 403 status.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  // Tests and CI build into a separate folder so a running dev server is never disturbed.
  distDir: process.env.NEXT_DIST_DIR || '.next',
};

export default nextConfig;
