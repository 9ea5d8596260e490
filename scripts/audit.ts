/**
 * The audit chain from the command line, on the configured database (DATABASE_URL, or the embedded PGLITE_DIR;
 * the embedded database opens in one process at a time, so stop the app first).
 *
 *   npm run -s audit -- verify [--seal <file>]...  walk the chain; exit 0 with the row count and head hash, or 1
 *                                                  naming the first row that does not fit. --seal: a file of seals
 *                                                  (JWS, one a line) kept outside the database, checked as well
 *   npm run -s audit -- seal                       sign the current head (print the seal: keep a copy elsewhere)
 *   npm run -s audit -- keygen                     print a new private key for RECORD_SIGNING_KEY
 *   npm run -s audit -- rotate-key                 embedded database: retire the key in the data folder, make a new one
 */
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { getHandle } from '../db/client';
import { sealChain, verifyAuditChain } from '../lib/record/audit-seal';
import { generatePrivateJwk, rotateKeyFile } from '../lib/record/keys';

const USAGE = `usage: npm run -s audit -- <command>
  verify [--seal <file>]...  check the audit chain (exit 0 intact, 1 broken); --seal adds seals kept elsewhere
  seal                       sign the chain's current head and print the seal (JWS)
  keygen                     print a new Ed25519 private JWK for RECORD_SIGNING_KEY
  rotate-key                 embedded database: retire the current key in the data folder and make a new one`;

function readSeals(files: string[]): string[] {
  return files.flatMap((f) =>
    fs
      .readFileSync(f, 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean),
  );
}

async function verify(args: string[]): Promise<number> {
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--seal' && args[i + 1]) files.push(args[++i]!);
    else {
      process.stderr.write(`audit verify: unknown option '${args[i]}'\n${USAGE}\n`);
      return 2;
    }
  }
  // Timed from here: opening the embedded database is not the chain's cost.
  await getHandle().db.execute(sql`select 1`);
  const started = performance.now();
  const result = await verifyAuditChain(getHandle().db, readSeals(files));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (!result.ok) {
    process.stdout.write(`Audit chain BROKEN: ${result.problem}\n`);
    return 1;
  }
  process.stdout.write(
    `Audit chain intact: ${result.rows} rows, head ${result.head.hash} (position ${result.head.seq}), checked in ${seconds} s.\n`,
  );
  const s = result.latestSeal;
  process.stdout.write(
    s
      ? `Latest seal: position ${s.seq}, sealed ${s.sealedAt}, key ${s.kid}; ${result.seals} seal(s) checked.\n`
      : `No seal yet: run \`npm run -s audit -- seal\` so that rows cut off the end can be detected.\n`,
  );
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'verify':
      return verify(rest);
    case 'seal': {
      const seal = await sealChain(getHandle().db);
      process.stderr.write(
        seal.fresh
          ? `Sealed position ${seal.seq} (${seal.hash}) with key ${seal.kid}.\n`
          : `The head has not moved since the last seal (position ${seal.seq}); that seal stands.\n`,
      );
      process.stdout.write(seal.jws + '\n');
      return 0;
    }
    case 'keygen':
      process.stdout.write(JSON.stringify(await generatePrivateJwk()) + '\n');
      return 0;
    case 'rotate-key': {
      const { retired, current } = await rotateKeyFile();
      process.stdout.write(`Key ${retired} retired (still published); new key ${current}.\n`);
      return 0;
    }
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(USAGE + '\n');
      return 0;
    default:
      process.stderr.write(`${command ? `audit: unknown command '${command}'\n` : ''}${USAGE}\n`);
      return 2;
  }
}

const needsDb = (cmd?: string) => cmd === 'verify' || cmd === 'seal';
void main(process.argv.slice(2))
  .catch((e: unknown) => {
    const messages: string[] = [];
    for (let c: unknown = e; c; c = (c as { cause?: unknown }).cause) messages.push(String((c as Error).message ?? c));
    const message = messages.at(-1)!;
    process.stderr.write(
      /relation "(audit_chain_head|audit_seals)" does not exist|column "chain_seq" does not exist/.test(message)
        ? `audit: the database has no audit chain yet: run \`npm run db:migrate\` first\n`
        : `audit: ${message}\n`,
    );
    return 1;
  })
  .then(async (code) => {
    if (needsDb(process.argv[2])) await getHandle().close();
    process.exit(code);
  });
