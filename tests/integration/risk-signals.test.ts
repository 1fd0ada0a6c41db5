import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase, getCase, setArchived } from '../../electron/services/cases/cases.service';
import { listCaseHistory, verifyAuditChain } from '../../electron/services/audit/audit.service';
import { createThreat } from '../../electron/services/threats/threats.service';
import { getDashboard } from '../../electron/services/dashboard/dashboard.service';
import { allSuggestions, decideRiskSignal, suggestionsForCase } from '../../electron/services/risk-signals/risk-signals.service';
import { loadRules, parseRules } from '../../electron/services/risk-signals/rules';
import type { RecordContext } from '../../electron/services/records/context';
import type { RiskLevel } from '../../shared/domain/enums';
import { dashboard as dashboardSchema, riskSuggestion } from '../../shared/ipc/insights-contract';
import { openTestVault, type TestVault } from '../support/vault';

let t: TestVault;
beforeEach(async () => {
  t = await openTestVault();
});
afterEach(() => t.close());

const TODAY = '2026-11-28';
const on = (ctx: RecordContext, day: string): RecordContext => ({ ...ctx, now: () => new Date(`${day}T10:00:00`) });

const COERCION = 'threats_from_distance.coercion_by_proxy';
const RED_NOTICE = 'co_opting_state.interpol_red_notice';
const DIFFUSION = 'co_opting_state.interpol_diffusion';
const KIDNAPPING = 'direct_attack.kidnapping_rendition';
const LURING = 'direct_attack.luring';
const POLICE_STATION = 'threats_from_distance.overseas_police_station';

async function newCase(riskLevel: RiskLevel, name = 'Aziz Tursun') {
  return createCase(t.ctx, { client: { legalName: name }, case: { riskLevel } });
}

async function threat(caseId: string, tacticId: string, occurredFrom: string): Promise<string> {
  const created = await createThreat(on(t.ctx, occurredFrom), {
    caseId,
    threat: {
      tacticId,
      tacticOther: '',
      datePrecision: 'exact',
      occurredFrom,
      occurredTo: null,
      country: 'CN',
      city: '',
      channel: 'via_family',
      targetContactId: null,
      perpetratorIds: [],
      evidenceIds: [],
      description: 'Father questioned by police about Aziz',
      severity: 4,
      verification: 'corroborated',
    },
  });
  return created.id;
}

async function suggestions(caseId: string) {
  const list = await suggestionsForCase(t.vault.db, caseId, TODAY);
  for (const s of list) riskSuggestion.parse(s);
  return list;
}

describe('risk signals', () => {
  it('the shipped rules file is valid and covers the four signals of the issue', () => {
    expect(loadRules().map((r) => r.id)).toEqual(
      expect.arrayContaining(['coercion_by_proxy.repeated', 'interpol.notice_or_diffusion', 'direct_attack.kidnapping_or_luring', 'overseas_police_station.contact']),
    );
  });

  it('two coercion-by-proxy threats within 30 days suggest high, with the dates a caseworker can check', async () => {
    const kase = await newCase('medium');
    const first = await threat(kase.id, COERCION, '2026-10-12');
    const second = await threat(kase.id, COERCION, '2026-11-02');
    const [s, ...rest] = await suggestions(kase.id);
    expect(rest).toEqual([]);
    expect(s).toMatchObject({ caseId: kase.id, caseCode: kase.code, ruleId: 'coercion_by_proxy.repeated', currentRisk: 'medium', suggestedRisk: 'high' });
    expect(s!.threatIds.sort()).toEqual([first, second].sort());
    expect(s!.reason).toBe('2 threats within 30 days: Coercion by proxy on 12 Oct 2026; Coercion by proxy on 2 Nov 2026.');
    expect(s!.reason).not.toContain('Aziz');
  });

  it('coercion-by-proxy threats further apart than 30 days, a single one, or a case already high suggest nothing', async () => {
    const apart = await newCase('medium');
    await threat(apart.id, COERCION, '2026-08-01');
    await threat(apart.id, COERCION, '2026-09-15');
    expect(await suggestions(apart.id)).toEqual([]);

    const single = await newCase('low');
    await threat(single.id, COERCION, '2026-11-20');
    expect(await suggestions(single.id)).toEqual([]);

    const high = await newCase('high');
    await threat(high.id, COERCION, '2026-11-01');
    await threat(high.id, COERCION, '2026-11-03');
    expect(await suggestions(high.id)).toEqual([]);
  });

  it('a red notice or diffusion suggests high, or critical when the case is already high', async () => {
    const medium = await newCase('medium');
    await threat(medium.id, RED_NOTICE, '2026-10-03');
    expect(await suggestions(medium.id)).toMatchObject([{ ruleId: 'interpol.notice_or_diffusion', suggestedRisk: 'high', reason: 'New threat: Interpol red notice on 3 Oct 2026.' }]);

    const high = await newCase('high');
    await threat(high.id, DIFFUSION, '2026-11-01');
    expect(await suggestions(high.id)).toMatchObject([{ ruleId: 'interpol.notice_or_diffusion', currentRisk: 'high', suggestedRisk: 'critical' }]);
  });

  it('no Interpol suggestion for other co-opting tactics, for a notice over a year old, or for a critical case', async () => {
    const detention = await newCase('medium');
    await threat(detention.id, 'co_opting_state.detention', '2026-11-01');
    expect(await suggestions(detention.id)).toEqual([]);

    const old = await newCase('medium');
    await threat(old.id, RED_NOTICE, '2024-05-01');
    expect(await suggestions(old.id)).toEqual([]);

    const critical = await newCase('critical');
    await threat(critical.id, RED_NOTICE, '2026-11-01');
    expect(await suggestions(critical.id)).toEqual([]);
  });

  it('any kidnapping or luring attempt suggests critical; physical intimidation does not', async () => {
    const kidnapped = await newCase('high');
    await threat(kidnapped.id, KIDNAPPING, '2026-11-10');
    expect(await suggestions(kidnapped.id)).toMatchObject([{ ruleId: 'direct_attack.kidnapping_or_luring', suggestedRisk: 'critical' }]);

    const lured = await newCase('low');
    await threat(lured.id, LURING, '2026-09-09');
    expect(await suggestions(lured.id)).toMatchObject([{ suggestedRisk: 'critical', reason: 'New threat: Luring to a third country on 9 Sep 2026.' }]);

    const intimidated = await newCase('low');
    await threat(intimidated.id, 'direct_attack.physical_intimidation', '2026-11-10');
    expect(await suggestions(intimidated.id)).toEqual([]);
  });

  it('an overseas police station contact suggests high; surveillance does not, nor does a case already high', async () => {
    const contacted = await newCase('medium');
    await threat(contacted.id, POLICE_STATION, '2026-11-15');
    expect(await suggestions(contacted.id)).toMatchObject([{ ruleId: 'overseas_police_station.contact', suggestedRisk: 'high' }]);

    const watched = await newCase('medium');
    await threat(watched.id, 'threats_from_distance.surveillance', '2026-11-15');
    expect(await suggestions(watched.id)).toEqual([]);

    const high = await newCase('high');
    await threat(high.id, POLICE_STATION, '2026-11-15');
    expect(await suggestions(high.id)).toEqual([]);
  });

  it('a dismissed suggestion stays dismissed for the same threats, comes back for a new one, and shows in the History', async () => {
    const kase = await newCase('medium');
    await threat(kase.id, COERCION, '2026-10-12');
    await threat(kase.id, COERCION, '2026-10-20');
    const [first] = await suggestions(kase.id);

    const { case: after } = await decideRiskSignal(t.ctx, { caseId: kase.id, ruleId: first!.ruleId, signature: first!.signature, decision: 'dismiss', note: 'Family says it was routine' }, TODAY);
    expect(after.riskLevel).toBe('medium');
    expect(await suggestions(kase.id)).toEqual([]);
    expect(await allSuggestions(t.vault.db, TODAY)).toEqual([]);

    const history = await listCaseHistory(t.vault.db, kase.id);
    const dismissal = history.find((e) => e.entity === 'risk_signal');
    expect(dismissal).toMatchObject({ action: 'create', actor: 'Mariam Test' });
    expect(dismissal!.changes).toEqual(
      expect.arrayContaining([
        { field: 'decision', from: null, to: 'dismissed' },
        { field: 'note', from: null, to: 'Family says it was routine' },
        { field: 'reason', from: null, to: first!.reason },
      ]),
    );

    // Same threats again: still dismissed. Deciding again is refused.
    await expect(
      decideRiskSignal(t.ctx, { caseId: kase.id, ruleId: first!.ruleId, signature: first!.signature, decision: 'dismiss', note: '' }, TODAY),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    const third = await threat(kase.id, COERCION, '2026-11-05');
    const [again] = await suggestions(kase.id);
    expect(again).toMatchObject({ ruleId: 'coercion_by_proxy.repeated', suggestedRisk: 'high' });
    expect(again!.signature).not.toBe(first!.signature);
    expect(again!.threatIds).toContain(third);
  });

  it('accepting raises the risk level with a dated history entry and an audit entry, and the suggestion is gone', async () => {
    const kase = await newCase('high');
    await threat(kase.id, KIDNAPPING, '2026-11-10');
    const [s] = await suggestions(kase.id);
    const lawyer = { ...t.as('Lawyer Ines'), now: () => new Date('2026-11-28T15:30:00') };

    const { case: raised } = await decideRiskSignal(lawyer, { caseId: kase.id, ruleId: s!.ruleId, signature: s!.signature, decision: 'accept', note: 'Confirmed by the client' }, TODAY);
    expect(raised.riskLevel).toBe('critical');
    expect(raised.riskHistory).toHaveLength(2);
    expect(raised.riskHistory.find((h) => h.riskLevel === 'critical')).toMatchObject({
      riskLevel: 'critical',
      changedBy: 'Lawyer Ines',
      changedAt: new Date('2026-11-28T15:30:00').toISOString(),
      reason: 'Risk signal accepted: New threat: Kidnapping or rendition on 10 Nov 2026. Note: Confirmed by the client',
    });
    expect((await getCase(t.vault.db, kase.id)).riskLevel).toBe('critical');
    expect(await suggestions(kase.id)).toEqual([]);

    const history = await listCaseHistory(t.vault.db, kase.id);
    const caseUpdate = history.find((e) => e.entity === 'case' && e.action === 'update');
    expect(caseUpdate!.changes).toEqual([{ field: 'riskLevel', from: 'high', to: 'critical' }]);
    const decision = history.find((e) => e.entity === 'risk_signal');
    expect(decision!.changes).toEqual(expect.arrayContaining([{ field: 'decision', from: null, to: 'accepted' }, { field: 'suggestedRisk', from: null, to: 'critical' }]));
    expect(await verifyAuditChain(t.vault.db)).toMatchObject({ ok: true });
  });

  it('accepting a red notice at medium raises to high; the same notice does not then ask for critical, a new one does', async () => {
    const kase = await newCase('medium');
    await threat(kase.id, RED_NOTICE, '2026-10-03');
    const [s] = await suggestions(kase.id);
    await decideRiskSignal(t.ctx, { caseId: kase.id, ruleId: s!.ruleId, signature: s!.signature, decision: 'accept', note: '' }, TODAY);
    expect(await suggestions(kase.id)).toEqual([]);

    await threat(kase.id, DIFFUSION, '2026-11-20');
    expect(await suggestions(kase.id)).toMatchObject([{ currentRisk: 'high', suggestedRisk: 'critical', reason: 'New threat: Interpol diffusion on 20 Nov 2026.' }]);
  });

  it('the dashboard lists suggestions across cases, most severe first, leaving out archived cases', async () => {
    const police = await newCase('medium', 'Li Wei');
    await threat(police.id, POLICE_STATION, '2026-11-15');
    const lured = await newCase('medium', 'Dolkar Tsering');
    await threat(lured.id, LURING, '2026-11-01');
    const archived = await newCase('low', 'Archived Person');
    await threat(archived.id, KIDNAPPING, '2026-11-01');
    await setArchived(t.ctx, { id: archived.id, version: archived.version }, true);

    const board = dashboardSchema.parse(await getDashboard(t.vault.db, TODAY, { referralWaitDays: 30 }));
    expect(board.riskSuggestions.map((s) => [s.caseCode, s.suggestedRisk])).toEqual([
      [lured.code, 'critical'],
      [police.code, 'high'],
    ]);
  });

  it('a broken rules file is refused with a message naming each problem', () => {
    const broken = {
      version: 1,
      rules: [
        { id: 'x', label: 'X', kind: 'countWithinDays', tactics: ['threats_from_distance.coercion_by_proxy'], days: 30, minimum: 'high' },
        { id: 'y', label: 'Y', kind: 'any', tactics: ['no_such.tactic'], minimum: 'high', escalateTo: 'medium' },
        { id: 'z', label: 'Z', kind: 'sometimes', tactics: [], minimum: 'high' },
      ],
    };
    let message = '';
    try {
      parseRules(broken, 'test-rules.json');
    } catch (error) {
      expect(error).toMatchObject({ code: 'INTERNAL' });
      message = (error as Error).message;
    }
    expect(message).toContain('test-rules.json');
    expect(message).toContain('rules.0.count');
    expect(message).toContain('rules.2.kind');
    expect(() => parseRules({ version: 1, rules: [{ id: 'y', label: 'Y', kind: 'any', tactics: ['no_such.tactic'], minimum: 'high' }] })).toThrow(/no_such\.tactic.*not a tactic/);
    expect(() => parseRules({ version: 1, rules: [{ id: 'y', label: 'Y', kind: 'any', tactics: [RED_NOTICE], minimum: 'high', escalateTo: 'medium' }] })).toThrow(/escalateTo/);
    expect(() => parseRules({ version: 1, rules: [{ id: 'y', label: 'Y', kind: 'any', tactics: [RED_NOTICE], minimum: 'high', extra: 1 }] })).toThrow(/not valid/);
  });
});
