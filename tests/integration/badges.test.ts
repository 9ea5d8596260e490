import fs from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import {
  auditLog,
  badgeRevocations,
  badges,
  evidence,
  evidenceCriteria,
  judgements,
  notifications,
  reportDecisions,
  signOffSupersessions,
} from '@/db/schema';
import {
  badgeCredential,
  ensureBadges,
  learnerBadges,
  publicBadge,
  revokeBadge,
  revokeBadgeSchema,
  signedStatusList,
  SUPERSEDED_SIGN_OFF_REASON,
} from '@/lib/badges/badges';
import { statusBit } from '@/lib/badges/status-list';
import { revocationIn, verifyBadgeJwt } from '@/lib/badges/verify';
import { assessableItems, getModule } from '@/lib/content';
import { itemLabel } from '@/lib/evidence/criteria';
import { eraseLearner } from '@/lib/erasure/erase';
import { countersign } from '@/lib/qa/countersign';
import { recordQaDecision } from '@/lib/qa/decisions';
import { drawQaSample } from '@/lib/qa/draw';
import { decide } from '@/lib/reports/assess';
import { saveQaSettings } from '@/lib/qa/settings';
import { generatePrivateJwk, publishedKeys, verifyJson } from '@/lib/record/keys';
import { allCriterionIds, allRangeIds, REPORT_MODULE_SLUG, reportUnit } from '@/lib/reports/unit';
import { parseOrThrow } from '@/lib/validate';
import { useTestDatabase } from '../helpers/db';
import { databaseRefusal as refusal } from '../helpers/refusals';
import { assign, enrol, makeCast, makeUser, type TestUser } from '../helpers/fixtures';
import { judge } from '../helpers/judgements';
import { period, qaCast, signedOffReport } from '../helpers/qa';
import { useRecordEnvironment, runRecordCli } from '../helpers/record';

/**
 * Open Badges 3.0 (issue 22), on PGlite and PostgreSQL: a badge is issued only for a complete unit (every criterion
 * met; a report unit signed off and, where required, countersigned), once, audited; it verifies offline, and not
 * when a byte is changed or the key is unknown; an administrator's revocation is a row of its own, audited, shown on
 * the public page and published in the status list.
 */
useTestDatabase();
const env = useRecordEnvironment();

const SLUG = 'ee2-win-keep-customers';
let c: Awaited<ReturnType<typeof makeCast>>;
let evidenceId: string;

const audits = (action: string, learnerId: string) =>
  getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.learnerId, learnerId)));

/** Every EE2 criterion met but the last one, which has evidence mapped and waits for the assessor. */
async function nearlyComplete(learner: TestUser, assessor: TestUser): Promise<{ lastId: string; evidenceId: string }> {
  const items = assessableItems(SLUG);
  const last = items.at(-1)!;
  const [e] = await getDb()
    .insert(evidence)
    .values({
      learnerId: learner.id,
      authorId: learner.id,
      kind: 'account',
      title: 'How I keep customers',
      occurredOn: '2026-03-02',
      body: 'I follow up every order.',
    })
    .returning();
  await getDb()
    .insert(evidenceCriteria)
    .values({ evidenceId: e!.id, criterionId: last.id, moduleSlug: SLUG, learnerId: learner.id, note: 'Follow-ups.' });
  await getDb()
    .insert(judgements)
    .values(
      items.slice(0, -1).map((i) => ({
        learnerId: learner.id,
        criterionId: i.id,
        moduleSlug: SLUG,
        outcome: 'met' as const,
        feedback: 'Clear.',
        assessorId: assessor.id,
      })),
    );
  return { lastId: last.id, evidenceId: e!.id };
}

let lastId: string;
beforeAll(async () => {
  c = await makeCast();
  await enrol(c.learner, SLUG);
  ({ lastId, evidenceId } = await nearlyComplete(c.learner, c.assessor));
});

describe('issuing', () => {
  it('issues nothing while a criterion is not met', async () => {
    expect(await learnerBadges(c.learner, c.learner.id)).toEqual([]);
    await judge(c.assessor, {
      learnerId: c.learner.id,
      criterionId: lastId,
      outcome: 'not_yet_met',
      feedback: 'Say what happened after the follow-up.',
      evidenceIds: [],
    });
    expect(await getDb().select().from(badges).where(eq(badges.learnerId, c.learner.id))).toEqual([]);
    expect(await audits('badge.issued', c.learner.id)).toEqual([]);
  });

  it('issues the badge when the judgement that completes the unit is recorded, once, audited', async () => {
    // Issued in the centre's name (CENTRE_NAME), checked in the credential below.
    vi.stubEnv('CENTRE_NAME', 'Northfield Training Centre');
    try {
      await judge(c.assessor, {
        learnerId: c.learner.id,
        criterionId: lastId,
        outcome: 'met',
        feedback: 'Now clear.',
        evidenceIds: [evidenceId],
      });
    } finally {
      vi.unstubAllEnvs();
    }
    const rows = await getDb().select().from(badges).where(eq(badges.learnerId, c.learner.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ moduleSlug: SLUG, kid: (await publishedKeys()).keys[0]!.kid });
    const [issued] = await audits('badge.issued', c.learner.id);
    expect(issued).toMatchObject({ actorId: c.assessor.id, subjectType: 'badge', subjectId: rows[0]!.id });
    expect(issued!.after).toMatchObject({ moduleSlug: SLUG, statusIndex: rows[0]!.statusIndex });

    // Idempotent: the learner's page, a second ensure and two at once issue nothing more.
    const mine = await learnerBadges(c.learner, c.learner.id);
    expect(mine.map((b) => b.id)).toEqual([rows[0]!.id]);
    expect(mine[0]).toMatchObject({ code: 'EE2', revoked: null });
    await Promise.all([ensureBadges(getDb(), null, c.learner.id), ensureBadges(getDb(), null, c.learner.id)]);
    expect(await getDb().select().from(badges).where(eq(badges.learnerId, c.learner.id))).toHaveLength(1);
    expect(await audits('badge.issued', c.learner.id)).toHaveLength(1);
  });

  it('is an OpenBadgeCredential signed as a VC-JWT with the record key', async () => {
    const [row] = await getDb().select().from(badges).where(eq(badges.learnerId, c.learner.id));
    const v = await verifyJson(row!.jwt);
    expect(v).toMatchObject({ ok: true, typ: 'vc+jwt' });
    const cred = (v as { payload: Record<string, any> }).payload; // eslint-disable-line @typescript-eslint/no-explicit-any
    const mod = getModule(SLUG)!;
    expect(cred['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(cred.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(cred.id).toMatch(new RegExp(`/badges/${row!.id}$`));
    expect(cred.issuer).toMatchObject({ type: ['Profile'], name: 'Northfield Training Centre' });
    expect(cred.iss).toBe(cred.issuer.id);
    expect(cred.jti).toBe(cred.id);
    expect(cred.nbf).toBe(Math.floor(Date.parse(cred.validFrom) / 1000));
    expect(cred.credentialSubject.type).toEqual(['AchievementSubject']);
    expect(cred.credentialSubject.identifier[0]).toEqual({
      type: 'IdentityObject',
      identityType: 'name',
      hashed: false,
      identityHash: c.learner.name,
    });
    // The email is there only hashed with a salt.
    expect(JSON.stringify(cred)).not.toContain(c.learner.email);
    const a = cred.credentialSubject.achievement;
    expect(a).toMatchObject({
      id: `${cred.issuer.id}/modules/${SLUG}`,
      type: ['Achievement'],
      name: mod.title,
      humanCode: 'EE2',
      achievementType: 'Competency',
      description: mod.summary,
    });
    for (const item of assessableItems(SLUG)) expect(a.criteria.narrative).toContain(`${itemLabel(item, mod)}: `);
    expect(cred.credentialStatus).toEqual({
      id: `${cred.issuer.id}/api/badges/status-list#${row!.statusIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(row!.statusIndex),
      statusListCredential: `${cred.issuer.id}/api/badges/status-list`,
    });
  });

  it('for a report unit: only once signed off and, where the cohort requires it, countersigned', async () => {
    const q = await qaCast({ standardRate: 1, signOffRate: 1, coverage: [] });
    await enrol(q.amira, REPORT_MODULE_SLUG);
    await saveQaSettings(q.admin, { cohortId: q.cohortId, countersignRequired: true, showReviewToLearners: false });
    const version = await signedOffReport(q.amira, q.priya);
    // Signed off, every criterion met, but the countersignature the cohort requires is missing.
    expect(await learnerBadges(q.amira, q.amira.id)).toEqual([]);
    const [decision] = await getDb()
      .select({ id: reportDecisions.id })
      .from(reportDecisions)
      .where(and(eq(reportDecisions.learnerId, q.amira.id), eq(reportDecisions.outcome, 'signed_off')));
    await countersign(q.iris, { reportDecisionId: decision!.id, contentHash: version.contentHash, declared: true });
    const rows = await getDb().select().from(badges).where(eq(badges.learnerId, q.amira.id));
    expect(rows.map((r) => r.moduleSlug)).toEqual([REPORT_MODULE_SLUG]);
    const [issued] = await audits('badge.issued', q.amira.id);
    expect(issued?.actorId).toBe(q.iris.id);
    const check = await verifyBadgeJwt(rows[0]!.jwt);
    expect(check.ok && check.attests.achievement.narrative).toContain('countersigned by an internal quality assurer');
  });
});

describe('verifying', () => {
  let jwt: string;
  beforeAll(async () => {
    jwt = (await badgeCredential(c.learner, (await learnerBadges(c.learner, c.learner.id))[0]!.id)).jwt;
  });

  it('verifies with the published keys and says what it attests', async () => {
    const check = await verifyBadgeJwt(jwt, await publishedKeys());
    expect(check).toMatchObject({
      ok: true,
      attests: { learnerName: c.learner.name, achievement: { humanCode: 'EE2', name: getModule(SLUG)!.title } },
    });
  });

  it('fails when any character is changed, and names why', async () => {
    const keys = await publishedKeys();
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    // A character in each part (the signature's last one included: its spare bits must not go unnoticed).
    const at = [
      3,
      header.length + 1 + 10,
      header.length + 1 + Math.floor(payload.length / 2),
      header.length + payload.length + 2 + 5,
      jwt.length - 1,
    ];
    expect(signature.length).toBeGreaterThan(5);
    for (const i of at) {
      const ch = jwt[i] === 'A' ? 'B' : 'A';
      const changed = jwt.slice(0, i) + ch + jwt.slice(i + 1);
      const check = await verifyBadgeJwt(changed, keys);
      expect(check.ok, `character ${i}`).toBe(false);
      expect((check as { problem: string }).problem).toMatch(/signature|altered|changed|not valid|cannot be read/);
    }
  });

  it('fails with a key it does not know', async () => {
    const stranger = await generatePrivateJwk();
    const { d: _d, ...pub } = stranger;
    expect(await verifyBadgeJwt(jwt, { keys: [pub] })).toEqual({
      ok: false,
      problem: 'signed with a key that is not known',
    });
  });

  it('from the command line: exit 0 with what it attests, exit 1 naming the problem', async () => {
    const dir = env.dir();
    const file = path.join(dir, 'badge.jwt');
    const keys = path.join(dir, 'keys.json');
    const strangers = path.join(dir, 'strangers.json');
    fs.writeFileSync(file, jwt + '\n');
    fs.writeFileSync(keys, JSON.stringify(await publishedKeys()));
    const { d: _d, ...pub } = await generatePrivateJwk();
    fs.writeFileSync(strangers, JSON.stringify({ keys: [pub] }));
    const good = await runRecordCli(['verify', file, '--jwks', keys]);
    expect(good.code).toBe(0);
    expect(good.out).toContain('Badge verified');
    expect(good.out).toContain(`Achievement: EE2 ${getModule(SLUG)!.title}`);
    expect(good.out).toContain(`Awarded to: ${c.learner.name}`);
    const mid = Math.floor(jwt.length / 2);
    fs.writeFileSync(file, jwt.slice(0, mid) + (jwt[mid] === 'x' ? 'y' : 'x') + jwt.slice(mid + 1));
    const bad = await runRecordCli(['verify', file, '--jwks', keys]);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/^Badge NOT verified: /);
    fs.writeFileSync(file, jwt);
    expect(await runRecordCli(['verify', file, '--jwks', strangers])).toEqual({
      code: 1,
      out: 'Badge NOT verified: signed with a key that is not known\n',
    });
  });
});

describe('who sees it', () => {
  it('the learner and an administrator download it; nobody else', async () => {
    const [b] = await learnerBadges(c.learner, c.learner.id);
    expect((await badgeCredential(c.admin, b!.id)).jwt).toMatch(/^ey/);
    for (const who of [c.otherLearner, c.assessor, c.coach])
      await expect(badgeCredential(who, b!.id)).rejects.toMatchObject({ status: 403 });
    await expect(learnerBadges(c.otherLearner, c.learner.id)).rejects.toMatchObject({ status: 403 });
    await expect(badgeCredential(c.learner, 'not-a-uuid')).rejects.toMatchObject({ status: 404 });
  });

  it('the public page shows what the badge says, and nothing for an id that is no badge', async () => {
    const [b] = await learnerBadges(c.learner, c.learner.id);
    const page = await publicBadge(b!.id);
    expect(page).toMatchObject({ problem: null, revoked: null, attests: { learnerName: c.learner.name } });
    expect(JSON.stringify(page)).not.toContain(c.learner.email);
    expect(await publicBadge('00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await publicBadge('nope')).toBeNull();
  });
});

describe('revoking', () => {
  it('only an administrator, with a reason: a row of its own, audited, on the public page and in the status list', async () => {
    const [b] = await learnerBadges(c.learner, c.learner.id);
    const [row] = await getDb().select().from(badges).where(eq(badges.id, b!.id));
    await expect(revokeBadge(c.assessor, { badgeId: b!.id, reason: 'x' })).rejects.toMatchObject({ status: 403 });
    expect(() => parseOrThrow(revokeBadgeSchema, { badgeId: b!.id, reason: '   ' })).toThrow(/Say why/);
    expect(() => parseOrThrow(revokeBadgeSchema, { badgeId: 'x', reason: 'Because' })).toThrow();

    const before = await verifyJson(await signedStatusList());
    const list = (p: unknown) => (p as { credentialSubject: { encodedList: string } }).credentialSubject.encodedList;
    expect(before.ok && statusBit(list(before.payload), row!.statusIndex)).toBe(false);
    const check = await verifyBadgeJwt(row!.jwt);
    const status = check.ok ? check.attests.status! : undefined;
    expect(await revocationIn(await signedStatusList(), status!)).toEqual({ ok: true, revoked: false });

    await revokeBadge(c.admin, { badgeId: b!.id, reason: 'Awarded in error: the evidence was not the learner’s own.' });
    const [revocation] = await getDb().select().from(badgeRevocations).where(eq(badgeRevocations.badgeId, b!.id));
    expect(revocation).toMatchObject({ revokedBy: c.admin.id });
    const [audited] = await audits('badge.revoked', c.learner.id);
    expect(audited).toMatchObject({ actorId: c.admin.id, subjectId: b!.id });
    await expect(revokeBadge(c.admin, { badgeId: b!.id, reason: 'Again' })).rejects.toMatchObject({ status: 409 });

    // The badge itself is kept as signed: it still verifies, and is shown as revoked.
    expect((await publicBadge(b!.id))!.revoked?.reason).toMatch(/Awarded in error/);
    expect((await learnerBadges(c.learner, c.learner.id))[0]!.revoked).not.toBeNull();
    const after = await verifyJson(await signedStatusList());
    expect(after).toMatchObject({ ok: true, typ: 'vc+jwt' });
    const payload = (after as { payload: Record<string, unknown> }).payload;
    expect(payload.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(statusBit(list(payload), row!.statusIndex)).toBe(true);
    expect(statusBit(list(payload), row!.statusIndex + 1)).toBe(false);
    // As a verifier reads it: the list the badge names, signed with the same keys.
    expect(await revocationIn(await signedStatusList(), status!)).toEqual({ ok: true, revoked: true });
    const { d: _d, ...stranger } = await generatePrivateJwk();
    expect(await revocationIn(await signedStatusList(), status!, { keys: [stranger] })).toEqual({
      ok: false,
      problem: 'the status list: signed with a key that is not known',
    });
    expect(
      await revocationIn(await signedStatusList(), { ...status!, list: 'https://elsewhere.example/list' }),
    ).toMatchObject({
      ok: false,
    });
    // Issuing again gives back the same (revoked) badge, never a second one.
    await ensureBadges(getDb(), null, c.learner.id);
    expect(await getDb().select().from(badges).where(eq(badges.learnerId, c.learner.id))).toHaveLength(1);
  });

  it("a learner's erasure revokes their badge and empties its credential, which named them", async () => {
    const learner = await makeUser('learner', 'Erin Badgeholder');
    await assign(learner, c.assessor);
    await enrol(learner, SLUG);
    const near = await nearlyComplete(learner, c.assessor);
    await judge(c.assessor, {
      learnerId: learner.id,
      criterionId: near.lastId,
      outcome: 'met',
      feedback: 'Clear.',
      evidenceIds: [near.evidenceId],
    });
    const [b] = await getDb().select().from(badges).where(eq(badges.learnerId, learner.id));
    expect(b!.jwt).toContain('.');
    expect((await publicBadge(b!.id))!.attests?.learnerName).toBe('Erin Badgeholder');

    await eraseLearner(c.admin, {
      learnerId: learner.id,
      confirmation: learner.email,
      reason: 'Asked to be forgotten.',
    });
    const [after] = await getDb().select().from(badges).where(eq(badges.id, b!.id));
    expect(after).toMatchObject({ jwt: '', statusIndex: b!.statusIndex });
    const [revocation] = await getDb().select().from(badgeRevocations).where(eq(badgeRevocations.badgeId, b!.id));
    expect(revocation).toMatchObject({ revokedBy: c.admin.id, reason: "The learner's personal data was erased." });
    const shown = (await publicBadge(b!.id))!;
    expect(shown).toMatchObject({ attests: null, jwt: '', problem: expect.stringMatching(/erased/) });
    expect(JSON.stringify(shown)).not.toContain('Erin');
    await expect(badgeCredential(c.admin, b!.id)).rejects.toMatchObject({ status: 404 });
    const list = await verifyJson(await signedStatusList());
    const encoded = (list as { payload: { credentialSubject: { encodedList: string } } }).payload.credentialSubject;
    expect(statusBit(encoded.encodedList, b!.statusIndex)).toBe(true);
  });

  it("an IQA's disagreement with the sign-off revokes the unit's badge; signed off again, the next edition is issued", async () => {
    const q = await qaCast({ standardRate: 1, signOffRate: 1, coverage: [] });
    await enrol(q.amira, REPORT_MODULE_SLUG);
    await saveQaSettings(q.admin, { cohortId: q.cohortId, countersignRequired: false, showReviewToLearners: false });
    const version = await signedOffReport(q.amira, q.priya);
    const [first] = await getDb().select().from(badges).where(eq(badges.learnerId, q.amira.id));
    expect(first).toMatchObject({ moduleSlug: REPORT_MODULE_SLUG, edition: 1 });

    const sample = await drawQaSample(q.iris, { cohortId: q.cohortId, ...period() });
    const item = sample.items.find((i) => i.kind === 'sign_off')!;
    await recordQaDecision(q.iris, { itemId: item.id, verdict: 'disagree', feedback: 'AC 2.3 rests on a plan.' });
    const [revocation] = await getDb().select().from(badgeRevocations).where(eq(badgeRevocations.badgeId, first!.id));
    const [supersession] = await getDb()
      .select()
      .from(signOffSupersessions)
      .where(eq(signOffSupersessions.learnerId, q.amira.id));
    expect(revocation).toMatchObject({
      revokedBy: q.iris.id,
      reason: SUPERSEDED_SIGN_OFF_REASON,
      signOffSupersessionId: supersession!.id,
    });
    const [audited] = await audits('badge.revoked', q.amira.id);
    expect(audited).toMatchObject({ actorId: q.iris.id, subjectId: first!.id });
    const list = await verifyJson(await signedStatusList());
    const encoded = (list as { payload: { credentialSubject: { encodedList: string } } }).payload.credentialSubject;
    expect(statusBit(encoded.encodedList, first!.statusIndex)).toBe(true);
    expect((await publicBadge(first!.id))!.revoked?.reason).toBe(SUPERSEDED_SIGN_OFF_REASON);
    const told = await getDb()
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, q.amira.id), eq(notifications.link, '/learner/badges')));
    expect(told).toEqual([
      expect.objectContaining({
        kind: 'report_decided',
        title: `Your ${getModule(REPORT_MODULE_SLUG)!.code} badge was withdrawn while the unit is assessed again`,
        link: '/learner/badges',
      }),
    ]);
    // Not complete now: opening the badges page issues nothing.
    expect(await ensureBadges(getDb(), null, q.amira.id)).toBe(0);

    // The assessor signs the same version off again: the unit is complete again, and its second badge is issued.
    const unit = reportUnit();
    await decide(q.priya, {
      learnerId: q.amira.id,
      versionId: version.id,
      contentHash: version.contentHash,
      outcome: 'signed_off',
      declared: true,
      data: {
        acs: Object.fromEntries(allCriterionIds(unit).map((id) => [id, { outcome: 'met' as const, feedback: 'Yes.' }])),
        range: Object.fromEntries(allRangeIds(unit).map((id) => [id, 'covered' as const])),
        discussion: { heldOn: '2026-12-01', acIds: [allCriterionIds(unit)[0]!], notes: 'Amira described it.' },
        feedback: 'Signed off after a professional discussion.',
      },
    });
    const both = await getDb().select().from(badges).where(eq(badges.learnerId, q.amira.id)).orderBy(badges.edition);
    expect(both.map((b) => b.edition)).toEqual([1, 2]);
    expect(both[1]!.statusIndex).not.toBe(first!.statusIndex);
    // The learner's page lists the new one first, the withdrawn one below it with its reason.
    expect((await learnerBadges(q.amira, q.amira.id)).map((b) => [b.edition, b.revoked?.reason ?? null])).toEqual([
      [2, null],
      [1, SUPERSEDED_SIGN_OFF_REASON],
    ]);
    expect(await ensureBadges(getDb(), null, q.amira.id)).toBe(0);

    // The database keeps one badge standing per unit, and a revocation's cause must be that unit's.
    const copy = (
      edition: number,
    ) => sql`insert into badges (id, learner_id, module_slug, status_index, jwt, kid, edition)
      select gen_random_uuid(), learner_id, module_slug, status_index + 100000, jwt, kid, ${edition}
      from badges where id = ${both[1]!.id}`;
    expect(await refusal(copy(3))).toMatch(/stands or was revoked for good/);
    expect(await refusal(copy(2))).toMatch(/stands or was revoked for good|duplicate|unique/i);
    const [elsewhere] = await getDb().select().from(badges).where(eq(badges.learnerId, c.learner.id));
    expect(
      await refusal(sql`insert into badge_revocations (badge_id, reason, sign_off_supersession_id)
        values (${elsewhere!.id}, 'x', ${supersession!.id})`),
    ).toMatch(/not of badge/);
  });

  it('the database refuses to change or remove a badge or a revocation', async () => {
    expect(await refusal(sql`update badges set jwt = 'x'`)).toMatch(/refused/i);
    expect(await refusal(sql`delete from badges`)).toMatch(/refused/i);
    expect(await refusal(sql`update badge_revocations set reason = 'x'`)).toMatch(/refused/i);
    expect(await refusal(sql`delete from badge_revocations`)).toMatch(/refused/i);
  });
});
