/**
 * The signed, portable learner record from the command line (issue 22), on the configured database (DATABASE_URL,
 * or the embedded PGLITE_DIR: stop the app first).
 *
 *   npm run -s record -- export --learner <email> --out <file.zip>   write the learner's signed record
 *   npm run -s record -- export --cohort <name-or-id> --out <dir>    every learner's signed record of the cohort, one
 *   npm run -s record -- export --all --out <dir>                    ZIP each, and index.csv (name, email, file,
 *                                                                    SHA-256); progress on stderr
 *   npm run -s record -- verify <file.zip> [--jwks <url-or-file>]    check it; exit 0 and say what it attests, or 1
 *                                                                    naming the first problem. Without --jwks, the
 *                                                                    keys of the Criterion configured here
 *   npm run -s record -- verify <badge.jwt> [--jwks <url-or-file>]   the same for an Open Badge (a VC-JWT): signature,
 *                                                                    structure and dates, and what it attests;
 *                                                                    --status: also fetch the issuer's status list
 *                                                                    (exit 1 when the badge was revoked)
 *   npm run -s record -- import <file.zip> [--jwks <url-or-file>]    bring a verified record into this Criterion
 *   npm run -s record -- erase --learner <email> --reason <text>     erase the learner's personal data (decisions are
 *                                                                    kept until the retention job: scripts/retention.ts)
 */
import fs from 'node:fs';
import path from 'node:path';
import type { JWK } from 'jose';
import { getHandle } from '../db/client';
import { eraseLearner } from '../lib/erasure/erase';
import { describeBadge, revocationIn, verifyBadgeJwt } from '../lib/badges/verify';
import { exportRecordsToFolder, INDEX_FILE } from '../lib/record/bulk';
import { exportLearnerRecord, learnerIdByEmail } from '../lib/record/export';
import { importRecord } from '../lib/record/import';
import { parsePublicJwks } from '../lib/record/jwk';
import { describeAttestation, verifyRecordZip } from '../lib/record/verify-bundle';

const USAGE = `usage: npm run -s record -- <command>
  export --learner <email> --out <file.zip>   write the learner's signed record
  export --cohort <name-or-id> --out <dir>    write each learner's signed record of the cohort into <dir>,
  export --all --out <dir>                    or every learner's, with index.csv (name, email, file, SHA-256)
  verify <file.zip> [--jwks <url-or-file>]    check a record (exit 0 genuine, 1 not)
  verify <badge.jwt> [--jwks <url-or-file>] [--status]
                                              check an Open Badge the same way; --status also asks the
                                              issuer's status list whether it was revoked (exit 1 if so)
  import <file.zip> [--jwks <url-or-file>]    bring a verified record into this Criterion
  erase --learner <email> --reason <text>     erase a learner's personal data (a subject's erasure request)`;

class UsageError extends Error {}

function options(args: string[], known: string[]): { positional: string[]; opts: Record<string, string> } {
  const positional: string[] = [];
  const opts: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const name = a.slice(2);
      if (!known.includes(name) || args[i + 1] === undefined)
        throw new UsageError(`unknown or incomplete option '${a}'`);
      opts[name] = args[++i]!;
    } else positional.push(a);
  }
  return { positional, opts };
}

/** A JWKS from a URL (the issuer's /.well-known/criterion-keys.json) or a file. */
async function loadJwks(source: string): Promise<{ keys: JWK[] }> {
  let text: string;
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(source, { signal: AbortSignal.timeout(15_000) });
    if (!res.ok) throw new Error(`could not fetch the keys at ${source} (HTTP ${res.status})`);
    text = await res.text();
  } else text = fs.readFileSync(source, 'utf8');
  return { keys: parsePublicJwks(text, source) };
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'export': {
      // --all takes no value; the other options do.
      const all = rest.includes('--all');
      const { opts } = options(
        rest.filter((a) => a !== '--all'),
        ['learner', 'cohort', 'out'],
      );
      if ([opts.learner, opts.cohort, all || undefined].filter(Boolean).length !== 1 || !opts.out)
        throw new UsageError(
          'export needs --out and one of --learner <email> (--out <file.zip>), --cohort <name-or-id> or --all (--out <dir>)',
        );
      if (!opts.learner) {
        const dir = opts.out;
        const { rows, cohort } = await exportRecordsToFolder(
          all ? { all: true } : { cohort: opts.cohort! },
          dir,
          (d, n) => process.stderr.write(`${d} of ${n}\n`),
        );
        process.stdout.write(
          `${rows.length} record(s) ${cohort ? `of the cohort ${cohort.name}` : 'of every learner'} written to ` +
            `${dir}, listed in ${path.join(dir, INDEX_FILE)}.\n`,
        );
        return 0;
      }
      const id = await learnerIdByEmail(opts.learner);
      const { zip, recordId } = await exportLearnerRecord(null, id);
      fs.writeFileSync(opts.out, zip);
      process.stdout.write(`Record ${recordId} of ${opts.learner} written to ${opts.out} (${zip.byteLength} bytes).\n`);
      return 0;
    }
    case 'verify': {
      // --status (badges only): also fetch the issuer's status list and say whether the badge was revoked.
      const withStatus = rest.includes('--status');
      const { positional, opts } = options(
        rest.filter((a) => a !== '--status'),
        ['jwks'],
      );
      if (positional.length !== 1) throw new UsageError('verify needs one file');
      const jwks = opts.jwks ? await loadJwks(opts.jwks) : undefined;
      const bytes = fs.readFileSync(positional[0]!);
      // A ZIP starts "PK"; anything else is read as a badge (a VC-JWT is text).
      if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
        const badge = await verifyBadgeJwt(bytes.toString('utf8'), jwks);
        if (!badge.ok) {
          process.stdout.write(`Badge NOT verified: ${badge.problem}\n`);
          return 1;
        }
        process.stdout.write(`Badge verified: signature, structure and dates.\n`);
        process.stdout.write(describeBadge(badge.attests).join('\n') + '\n');
        const status = badge.attests.status;
        if (!withStatus || !status) return 0;
        const res = await fetch(status.list, { signal: AbortSignal.timeout(15_000) });
        if (!res.ok) throw new Error(`could not fetch the status list at ${status.list} (HTTP ${res.status})`);
        const revocation = await revocationIn(await res.text(), status, jwks);
        if (!revocation.ok) throw new Error(revocation.problem);
        process.stdout.write(revocation.revoked ? 'Status: REVOKED by the issuer\n' : 'Status: not revoked\n');
        return revocation.revoked ? 1 : 0;
      }
      const result = await verifyRecordZip(bytes, jwks);
      if (!result.ok) {
        process.stdout.write(`Record NOT verified: ${result.problem}\n`);
        return 1;
      }
      process.stdout.write(`Record verified: signature, every file's hash and every sign-off match.\n`);
      process.stdout.write(describeAttestation(result.attests).join('\n') + '\n');
      return 0;
    }
    case 'import': {
      const { positional, opts } = options(rest, ['jwks']);
      if (positional.length !== 1) throw new UsageError('import needs one file');
      const jwks = opts.jwks ? await loadJwks(opts.jwks) : undefined;
      const result = await importRecord(null, fs.readFileSync(positional[0]!), { jwks });
      if (!result.ok) {
        process.stdout.write(`Record NOT imported: ${result.problem}\n`);
        return 1;
      }
      process.stdout.write(result.summary.join('\n') + '\n');
      return 0;
    }
    case 'erase': {
      const { opts } = options(rest, ['learner', 'reason']);
      if (!opts.learner || !opts.reason?.trim())
        throw new UsageError('erase needs --learner <email> and --reason <text>');
      const learnerId = await learnerIdByEmail(opts.learner);
      // Typing the address on the command line is the confirmation; the rest is what the admin page does.
      const result = await eraseLearner(null, {
        learnerId,
        confirmation: opts.learner,
        reason: opts.reason.trim().slice(0, 500),
      });
      process.stdout.write(
        `${opts.learner} erased: now "${result.pseudonym}"; ${result.filesRemoved} uploaded file(s) removed. ` +
          `Their assessment decisions are kept until the retention job (npm run -s retention -- run).\n`,
      );
      return 0;
    }
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(USAGE + '\n');
      return 0;
    default:
      throw new UsageError(command ? `unknown command '${command}'` : 'no command');
  }
}

const needsDb = (cmd?: string) => cmd === 'export' || cmd === 'import' || cmd === 'erase';
void main(process.argv.slice(2))
  .catch((e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`record: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`record: ${(e as Error).message ?? String(e)}\n`);
    return 1;
  })
  .then(async (code) => {
    if (needsDb(process.argv[2])) await getHandle().close();
    process.exit(code);
  });
