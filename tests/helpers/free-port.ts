import net from 'node:net';

/**
 * A TCP port nothing listens on right now, chosen by the kernel. Tests that start their own servers use it
 * instead of fixed numbers, so a second run on the same machine (another engineer, a CI run alongside a
 * local one) cannot take the port from under them.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The port in `variable` when it is set (to pin a run to a port while debugging), otherwise a free one. */
export async function portFromEnv(variable: string): Promise<number> {
  const pinned = process.env[variable];
  return pinned ? Number(pinned) : freePort();
}
