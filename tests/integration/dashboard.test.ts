import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase, setArchived } from '../../electron/services/cases/cases.service';
import { createReferral, updateReferral } from '../../electron/services/referrals/referrals.service';
import { createConsent, withdrawConsent } from '../../electron/services/consents/consents.service';
import { createTask, updateTask } from '../../electron/services/tasks/tasks.service';
import { createThreat } from '../../electron/services/threats/threats.service';
import { getDashboard, listDueNow } from '../../electron/services/dashboard/dashboard.service';
import type { RecordContext } from '../../electron/services/records/context';
import type { RiskLevel } from '../../shared/domain/enums';
import { dashboard as dashboardSchema } from '../../shared/ipc/insights-contract';
import { openTestVault, type TestVault } from '../support/vault';

let t: TestVault;
beforeEach(async () => {
  t = await openTestVault();
});
afterEach(() => t.close());

const TODAY = '2026-11-28';
const on = (ctx: RecordContext, day: string): RecordContext => ({ ...ctx, now: () => new Date(`${day}T10:00:00`) });

const newCase = (legalName: string, riskLevel: RiskLevel = 'medium') => createCase(t.ctx, { client: { legalName }, case: { riskLevel } });

async function board(referralWaitDays = 30) {
  return dashboardSchema.parse(await getDashboard(t.vault.db, TODAY, { referralWaitDays }));
}

async function recordThreat(ctx: RecordContext, caseId: string, occurredFrom: string) {
  return createThreat(ctx, {
    caseId,
    threat: {
      tacticId: 'threats_from_distance.direct_threats',
      tacticOther: '',
      datePrecision: 'exact',
      occurredFrom,
      occurredTo: null,
      country: 'CN',
      city: '',
      channel: 'messaging',
      targetContactId: null,
      perpetratorIds: [],
      evidenceIds: [],
      description: 'Threatening WeChat messages',
      severity: 3,
      verification: 'unverified',
    },
  });
}

describe('dashboard', () => {
  it('a caseworker sees overdue and upcoming tasks, not done ones, far-off ones or those of archived cases', async () => {
    const aziz = await newCase('Aziz Tursun');
    const archived = await newCase('Archived Person');
    const overdue = await createTask(t.ctx, { caseId: aziz.id, task: { title: 'Call back about the red notice', dueOn: '2026-11-20' } });
    const dueToday = await createTask(t.ctx, { caseId: aziz.id, task: { title: 'Check-in call', dueOn: TODAY } });
    const upcoming = await createTask(t.ctx, { caseId: aziz.id, task: { title: 'CCF deadline', dueOn: '2026-12-12' } });
    await createTask(t.ctx, { caseId: aziz.id, task: { title: 'Hearing', dueOn: '2026-12-13' } });
    const done = await createTask(t.ctx, { caseId: aziz.id, task: { title: 'Already done', dueOn: '2026-11-01' } });
    await updateTask(t.ctx, { id: done.id, version: done.version, patch: { done: true } });
    await createTask(t.ctx, { caseId: archived.id, task: { title: 'Old case task', dueOn: '2026-11-02' } });
    await setArchived(t.ctx, { id: archived.id, version: archived.version }, true);

    const view = await board();
    expect(view.today).toBe(TODAY);
    expect(view.overdueTasks.map((x) => [x.id, x.caseId, x.caseCode])).toEqual([[overdue.id, aziz.id, aziz.code]]);
    expect(view.upcomingTasks.map((x) => x.id)).toEqual([dueToday.id, upcoming.id]);

    // The in-app notice: due today or earlier.
    expect((await listDueNow(t.vault.db, TODAY)).map((x) => x.title)).toEqual(['Call back about the red notice', 'Check-in call']);
  });

  it('referral follow-ups of open referrals show as overdue or upcoming; closed ones do not', async () => {
    const li = await newCase('Li Wei');
    const overdue = await createReferral(on(t.ctx, '2026-10-01'), {
      caseId: li.id,
      referral: { recipientType: 'police', recipientOrg: 'Metropolitan Police', status: 'sent', sentOn: '2026-10-01', followUpOn: '2026-11-15' },
    });
    const upcoming = await createReferral(on(t.ctx, '2026-11-01'), {
      caseId: li.id,
      referral: { recipientType: 'unhcr', recipientOrg: 'UNHCR', followUpOn: '2026-12-01' },
    });
    await createReferral(on(t.ctx, '2026-10-01'), {
      caseId: li.id,
      referral: { recipientType: 'ngo', recipientOrg: 'Safeguard Defenders', status: 'closed', outcome: 'action_taken', followUpOn: '2026-11-10' },
    });
    await createReferral(on(t.ctx, '2026-10-01'), { caseId: li.id, referral: { recipientType: 'lawyer', recipientOrg: 'Far off', followUpOn: '2027-02-01' } });

    const view = await board();
    expect(view.overdueFollowUps).toMatchObject([{ id: overdue.id, caseId: li.id, caseCode: li.code, followUpOverdue: true }]);
    expect(view.upcomingFollowUps).toMatchObject([{ id: upcoming.id, followUpOverdue: false }]);
  });

  it('a referral sent and not acknowledged for longer than the set number of days is waiting', async () => {
    const dolkar = await newCase('Dolkar Tsering');
    const waiting = await createReferral(on(t.ctx, '2026-10-01'), {
      caseId: dolkar.id,
      referral: { recipientType: 'national_tnr_unit', recipientOrg: 'Counter-TNR unit', status: 'sent', sentOn: '2026-10-01' },
    });
    await createReferral(on(t.ctx, '2026-11-10'), { caseId: dolkar.id, referral: { recipientType: 'police', recipientOrg: 'Recent', status: 'sent', sentOn: '2026-11-10' } });
    const answered = await createReferral(on(t.ctx, '2026-09-01'), {
      caseId: dolkar.id,
      referral: { recipientType: 'asylum_authority', recipientOrg: 'Answered', status: 'sent', sentOn: '2026-09-01' },
    });
    await updateReferral(on(t.ctx, '2026-09-20'), { id: answered.id, version: answered.version, patch: { status: 'acknowledged' } });

    const view = await board(30);
    expect(view.waitingReferrals).toMatchObject([{ id: waiting.id, caseId: dolkar.id, caseCode: dolkar.code, daysWaiting: 58 }]);
    expect((await board(60)).waitingReferrals).toEqual([]);
  });

  it('cases at high or critical risk, most severe first, without archived or lower-risk cases', async () => {
    const high = await newCase('High Person', 'high');
    const critical = await newCase('Critical Person', 'critical');
    await newCase('Medium Person', 'medium');
    const archived = await newCase('Archived Critical', 'critical');
    await setArchived(t.ctx, { id: archived.id, version: archived.version }, true);

    const view = await board();
    expect(view.highRiskCases.map((c) => [c.id, c.riskLevel])).toEqual([
      [critical.id, 'critical'],
      [high.id, 'high'],
    ]);
  });

  it('threats recorded in the last 14 days appear with their case code, newest first', async () => {
    const aziz = await newCase('Aziz Tursun');
    const recent = await recordThreat(on(t.ctx, '2026-11-20'), aziz.id, '2026-03-01');
    const newer = await recordThreat(on(t.ctx, '2026-11-27'), aziz.id, '2026-11-26');
    await recordThreat(on(t.ctx, '2026-10-01'), aziz.id, '2026-09-30');

    const view = await board();
    expect(view.recentThreats.map((x) => [x.id, x.caseId, x.caseCode])).toEqual([
      [newer.id, aziz.id, aziz.code],
      [recent.id, aziz.id, aziz.code],
    ]);
  });

  it('an empty vault gives an empty dashboard', async () => {
    expect(await board()).toEqual({
      today: TODAY,
      overdueTasks: [],
      upcomingTasks: [],
      overdueFollowUps: [],
      upcomingFollowUps: [],
      highRiskCases: [],
      recentThreats: [],
      waitingReferrals: [],
      riskSuggestions: [],
      expiringConsents: [],
    });
  });

  it('consents running out within 30 days are listed soonest first, so they can be renewed before a packet is blocked', async () => {
    const aziz = await newCase('Aziz Tursun');
    const li = await newCase('Li Wei');
    const archived = await newCase('Archived Person');
    const day = on(t.ctx, TODAY);
    const consent = (caseId: string, expiresOn: string | null, extra: Partial<Parameters<typeof createConsent>[1]['consent']> = {}) =>
      createConsent(day, {
        caseId,
        consent: {
          recipientType: 'police',
          recipientOrg: '',
          purposeIds: ['police.criminal_complaint'],
          purposeDetail: '',
          scopeIdentity: 'named',
          scopeEvidence: true,
          obtainedHow: 'written',
          givenOn: '2026-10-01',
          expiresOn,
          ...extra,
        },
      });
    const inTwelveDays = await consent(li.id, '2026-12-10', { recipientType: 'interpol_ccf', recipientOrg: 'CCF', purposeIds: ['interpol_ccf.deletion', 'interpol_ccf.access'] });
    const today = await consent(aziz.id, TODAY);
    const lastDay = await consent(aziz.id, '2026-12-28');
    await consent(aziz.id, '2026-12-29'); // 31 days away
    await consent(aziz.id, '2026-11-27'); // already expired
    await consent(aziz.id, null); // never expires
    const withdrawn = await consent(aziz.id, '2026-12-01');
    await withdrawConsent(day, { id: withdrawn.id, version: withdrawn.version, withdrawnOn: TODAY, note: '' });
    const old = await consent(archived.id, '2026-12-01');
    await setArchived(t.ctx, { id: archived.id, version: archived.version }, true);

    const { expiringConsents } = await board();
    expect(expiringConsents.map((c) => c.id)).toEqual([today.id, inTwelveDays.id, lastDay.id]);
    expect(expiringConsents.map((c) => c.id)).not.toContain(old.id);
    expect(expiringConsents[1]).toEqual({
      id: inTwelveDays.id,
      caseId: li.id,
      caseCode: li.code,
      recipientType: 'interpol_ccf',
      recipientOrg: 'CCF',
      purposeIds: ['interpol_ccf.deletion', 'interpol_ccf.access'],
      expiresOn: '2026-12-10',
      daysLeft: 12,
    });
    expect(expiringConsents[0]!.daysLeft).toBe(0);
  });
});
