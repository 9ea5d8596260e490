/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files by URL; bundling it breaks those paths.
  serverExternalPackages: ['@electric-sql/pglite', 'argon2'],
  // forbidden() renders app/forbidden.tsx with a real 403 status. Server actions take up to 4 MB (a 2 MB CSV
  // import with room to spare); proxy.ts refuses larger bodies with a 413 (lib/action-request.ts).
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: '4mb' } },
  poweredByHeader: false,
  // Next would hash every page's whole HTML in JavaScript on every request to make an ETag (about as costly as
  // serving the module page itself); pages rendered per request are never cached anyway, and built pages are
  // cached by s-maxage.
  generateEtags: false,
  // API responses are data, never documents: nothing in them may run or be framed, and a file download opened
  // anyway is sandboxed. These rules replace a route's own header of the same name, so the policy is the one the
  // downloads need (API_CONTENT_SECURITY_POLICY) and HSTS is the value of lib/security-headers.ts (a unit test
  // compares them). The build's static files are never read as anything but their own type.
  async headers() {
    const hsts = { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' };
    return [
      {
        source: '/api/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'; sandbox" },
          { key: 'X-Frame-Options', value: 'DENY' },
          hsts,
        ],
      },
      { source: '/_next/static/:path*', headers: [{ key: 'X-Content-Type-Options', value: 'nosniff' }, hsts] },
    ];
  },
  // Tests and CI build into a separate folder so a running dev server is never disturbed.
  distDir: process.env.NEXT_DIST_DIR || '.next',
};

export default nextConfig;
