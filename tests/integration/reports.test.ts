import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase } from '../../electron/services/cases/cases.service';
import { createReferral, updateReferral } from '../../electron/services/referrals/referrals.service';
import { createThreat } from '../../electron/services/threats/threats.service';
import { exportReportCsv, getReport } from '../../electron/services/reports/reports.service';
import type { RecordContext } from '../../electron/services/records/context';
import type { ThreatChannel } from '../../shared/domain/enums';
import { reportData } from '../../shared/ipc/insights-contract';
import { openTestVault, type TestVault } from '../support/vault';

let t: TestVault;
beforeEach(async () => {
  t = await openTestVault();
});
afterEach(() => t.close());

const on = (ctx: RecordContext, day: string): RecordContext => ({ ...ctx, now: () => new Date(`${day}T10:00:00`) });
const HOSTILE_COUNTRY = '=HYPERLINK("http://evil.example","x")';
const AWKWARD_COUNTRY = 'Lanka, "North"\nregion';
const CLIENT = 'Gulnara Abdukerim';

async function threat(caseId: string, tacticId: string, occurredFrom: string, country: string, channel: ThreatChannel) {
  await createThreat(t.ctx, {
    caseId,
    threat: {
      tacticId,
      tacticOther: '',
      datePrecision: 'exact',
      occurredFrom,
      occurredTo: null,
      country,
      city: 'Istanbul',
      channel,
      targetContactId: null,
      perpetratorIds: [],
      evidenceIds: [],
      description: `${CLIENT} was threatened`,
      severity: 3,
      verification: 'unverified',
    },
  });
}

/** 6 red notices (Mar), 2 coercion by proxy (Apr), one each from a hostile and an awkward country name (May). */
async function threatFixture(caseId: string) {
  for (let i = 1; i <= 6; i += 1) await threat(caseId, 'co_opting_state.interpol_red_notice', `2026-03-0${i}`, 'TR', 'official_letter');
  await threat(caseId, 'threats_from_distance.coercion_by_proxy', '2026-04-10', 'CN', 'via_family');
  await threat(caseId, 'threats_from_distance.coercion_by_proxy', '2026-04-20', 'CN', 'via_family');
  await threat(caseId, 'threats_from_distance.online_harassment', '2026-05-01', HOSTILE_COUNTRY, 'social_media');
  await threat(caseId, 'direct_attack.stalking', '2026-05-02', AWKWARD_COUNTRY, 'in_person');
}

/**
 * Six police referrals sent on 1 Sep: first responses after 2, 4, 6, 10 and
 * 20 days (median 6), one never answered. One NGO referral answered after 3
 * days, one draft never sent.
 */
async function referralFixture(caseId: string) {
  const sent = async (recipientType: 'police' | 'ngo', org: string) =>
    createReferral(on(t.ctx, '2026-09-01'), { caseId, referral: { recipientType, recipientOrg: org, status: 'sent', sentOn: '2026-09-01' } });
  const move = async (r: { id: string; version: number }, day: string, patch: Parameters<typeof updateReferral>[1]['patch']) =>
    updateReferral(on(t.ctx, day), { id: r.id, version: r.version, patch });

  const r1 = await sent('police', 'Police A');
  const acknowledged = await move(r1, '2026-09-05', { status: 'acknowledged' });
  await move(acknowledged, '2026-10-01', { status: 'closed', outcome: 'action_taken' });
  await move(await sent('police', 'Police B'), '2026-09-11', { status: 'acknowledged' });
  await move(await sent('police', 'Police C'), '2026-09-07', { status: 'in_progress' });
  await move(await sent('police', 'Police D'), '2026-09-03', { status: 'closed', outcome: 'declined' });
  await move(await sent('police', 'Police E'), '2026-09-21', { status: 'acknowledged' });
  await sent('police', 'Police F');
  await move(await sent('ngo', 'Safeguard Defenders'), '2026-09-04', { status: 'acknowledged' });
  await createReferral(t.ctx, { caseId, referral: { recipientType: 'unhcr', recipientOrg: 'UNHCR' } });
}

describe('reports', () => {
  it('threats are counted by tactic category per month, by country and by channel, within the period', async () => {
    const kase = await createCase(t.ctx, { client: { legalName: CLIENT } });
    await threatFixture(kase.id);

    const all = reportData.parse(await getReport(t.vault.db, {}));
    expect(all.from).toBeNull();
    expect(all.threatsByTacticOverTime).toEqual([
      { month: '2026-03', categoryId: 'co_opting_state', count: 6 },
      { month: '2026-04', categoryId: 'threats_from_distance', count: 2 },
      { month: '2026-05', categoryId: 'direct_attack', count: 1 },
      { month: '2026-05', categoryId: 'threats_from_distance', count: 1 },
    ]);
    expect(all.threatsByCountry).toEqual([
      { country: 'TR', count: 6 },
      { country: 'CN', count: 2 },
      { country: HOSTILE_COUNTRY, count: 1 },
      { country: AWKWARD_COUNTRY, count: 1 },
    ]);
    expect(all.threatsByChannel).toEqual([
      { channel: 'official_letter', count: 6 },
      { channel: 'via_family', count: 2 },
      { channel: 'in_person', count: 1 },
      { channel: 'social_media', count: 1 },
    ]);

    const april = await getReport(t.vault.db, { from: '2026-04-01', to: '2026-04-30' });
    expect(april).toMatchObject({ from: '2026-04-01', to: '2026-04-30', threatsByCountry: [{ country: 'CN', count: 2 }] });
    await expect(getReport(t.vault.db, { from: '2026-05-01', to: '2026-04-01' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('referrals are counted by recipient type with outcomes and the median days to a first response', async () => {
    const kase = await createCase(t.ctx, { client: { legalName: CLIENT } });
    await referralFixture(kase.id);

    const report = reportData.parse(await getReport(t.vault.db, {}));
    expect(report.referralsByRecipient).toEqual([
      { recipientType: 'police', total: 6, outcomes: { action_taken: 1, declined: 1, no_response: 0, open: 4 }, medianDaysToFirstResponse: 6 },
      { recipientType: 'ngo', total: 1, outcomes: { action_taken: 0, declined: 0, no_response: 0, open: 1 }, medianDaysToFirstResponse: 3 },
    ]);
    expect((await getReport(t.vault.db, { from: '2026-10-01' })).referralsByRecipient).toEqual([]);
  });

  it('the exported CSV has counts only, suppresses small cells, neutralises formulas and quotes awkward text', async () => {
    const kase = await createCase(t.ctx, { client: { legalName: CLIENT, originalNames: ['古丽娜'] } });
    await threatFixture(kase.id);
    await referralFixture(kase.id);
    const path = join(t.temp.path, 'threats-by-country.csv');
    writeFileSync(path, 'an older export the caseworker chose to replace');

    expect(await exportReportCsv(t.vault.db, { table: 'threats-by-country', path })).toEqual({ path, rows: 4 });
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text).toBe(
      ['Country,Threats', 'TR,6', 'CN,<5', `"'=HYPERLINK(""http://evil.example"",""x"")",<5`, `"Lanka, ""North""\nregion",<5`, ''].join('\r\n'),
    );
    expect(readdirSync(t.temp.path).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const byTactic = join(t.temp.path, 'tactic.csv');
    expect(await exportReportCsv(t.vault.db, { table: 'threats-by-tactic', path: byTactic })).toEqual({ path: byTactic, rows: 4 });
    expect(readFileSync(byTactic, 'utf8')).toBe(
      '\uFEFFMonth,Tactic category,Threats\r\n2026-03,Co-opting another state,6\r\n2026-04,Threats from a distance,<5\r\n2026-05,Direct attack,<5\r\n2026-05,Threats from a distance,<5\r\n',
    );

    const byChannel = join(t.temp.path, 'channel.csv');
    await exportReportCsv(t.vault.db, { table: 'threats-by-channel', path: byChannel });
    expect(readFileSync(byChannel, 'utf8')).toContain('Official letter,6\r\nVia family,<5\r\n');

    const referrals = join(t.temp.path, 'referrals.csv');
    expect(await exportReportCsv(t.vault.db, { table: 'referrals-by-recipient', path: referrals })).toEqual({ path: referrals, rows: 2 });
    expect(readFileSync(referrals, 'utf8')).toBe(
      '\uFEFFRecipient type,Referrals,Action taken,Declined,No response,Open,Median days to first response\r\n' +
        'Police,6,<5,<5,0,<5,6\r\n' +
        'NGO,<5,0,0,0,<5,<5 responses\r\n',
    );

    for (const file of [path, byTactic, byChannel, referrals]) {
      const content = readFileSync(file, 'utf8');
      for (const name of [CLIENT, 'Gulnara', '古丽娜', 'Istanbul', 'Police A', 'Safeguard Defenders', kase.code]) expect(content).not.toContain(name);
    }
  });

  it('an export to a missing folder or a folder path is refused without leaving files behind', async () => {
    await expect(exportReportCsv(t.vault.db, { table: 'threats-by-channel', path: join(t.temp.path, 'missing', 'x.csv') })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(exportReportCsv(t.vault.db, { table: 'threats-by-channel', path: t.temp.path })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(exportReportCsv(t.vault.db, { table: 'threats-by-channel', path: 'relative.csv' })).rejects.toMatchObject({ code: 'VALIDATION' });
    const empty = join(t.temp.path, 'empty.csv');
    expect(await exportReportCsv(t.vault.db, { table: 'threats-by-channel', path: empty })).toEqual({ path: empty, rows: 0 });
    expect(readFileSync(empty, 'utf8')).toBe('\uFEFFChannel,Threats\r\n');
  });
});
