import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { createCase } from '../../electron/services/cases/cases.service';
import { createNote } from '../../electron/services/notes/notes.service';
import type { RecordContext } from '../../electron/services/records/context';
import { createReferral } from '../../electron/services/referrals/referrals.service';
import { createTask } from '../../electron/services/tasks/tasks.service';
import { createThreat } from '../../electron/services/threats/threats.service';
import type { ThreatChannel } from '../../shared/domain/enums';
import { expect, test } from './fixtures';
import { createVault, expectUnlocked, goTo, PASSPHRASE, screenshot, unlock, vaultPathIn, isoDay } from './helpers';

/**
 * Finding and following up: Ctrl+K search across scripts, the dashboard, the
 * due-task notice, risk suggestions, and reports with their CSV export.
 */

interface ThreatSeed {
  tacticId: string;
  occurredFrom: string;
  country?: string;
  channel?: ThreatChannel;
  description?: string;
}

function addThreat(ctx: RecordContext, caseId: string, seed: ThreatSeed) {
  return createThreat(ctx, {
    caseId,
    threat: {
      tacticId: seed.tacticId,
      tacticOther: '',
      datePrecision: 'exact',
      occurredFrom: seed.occurredFrom,
      occurredTo: null,
      country: seed.country ?? '',
      city: '',
      channel: seed.channel ?? 'phone',
      targetContactId: null,
      perpetratorIds: [],
      evidenceIds: [],
      description: seed.description ?? '',
      severity: 3,
      verification: 'unverified',
    },
  });
}

/** Seeded behind the UI's back: lock and unlock so every list is read afresh. */
async function relock(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await unlock(page, PASSPHRASE);
  await expectUnlocked(page);
}

function searchBox(page: Page) {
  return page.getByRole('combobox', { name: /Search cases, clients/ });
}

test('Ctrl+K finds a client by two characters of a Chinese name, in any script, and Enter opens the record on the right tab', async ({ page, host, workDir }) => {
  await createVault(page, { path: vaultPathIn(workDir), recoveryKey: false });
  const ctx = host.services.session.recordContext();
  const wang = await createCase(ctx, { client: { legalName: 'Wang Xiaoming', originalNames: ['王晓明'], aliases: ['Ming Wang'] } });
  const tursun = await createCase(ctx, { client: { legalName: 'Abdurehim Tursun', originalNames: ['ئابدۇرېھىم تۇرسۇن'] } });
  const jose = await createCase(ctx, { client: { legalName: 'José Martínez Ming', aliases: ['Pepe'] } });
  await createNote(ctx, { caseId: wang.id, body: 'Called 王晓明’s sister; she asked us to use Signal only. Ming is safe for now.' });
  await createNote(ctx, { caseId: tursun.id, body: 'ئابدۇرېھىم نىڭ ئاكىسى سوراققا تارتىلدى — brother questioned in Ghulja.' });
  await createReferral(ctx, {
    caseId: jose.id,
    referral: { recipientType: 'interpol_ccf', recipientOrg: 'Commission for the Control of INTERPOL’s Files', status: 'sent', sentOn: isoDay(-10), referenceNumber: 'CCF/2026/4471' },
  });
  await addThreat(ctx, wang.id, { tacticId: 'threats_from_distance.persuade_to_return', occurredFrom: isoDay(-5), channel: 'messaging', description: '王警官 wrote on WeChat, then on Signal: “your mother misses you”.' });
  await addThreat(ctx, tursun.id, { tacticId: 'threats_from_distance.direct_threats', occurredFrom: isoDay(-9), channel: 'messaging', description: 'Signal voice call: «ئابدۇرېھىم، ئائىلەڭنى ئويلا» — think of your family.' });
  await relock(page);

  // The top bar's button and the shortcut both open search.
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Search the vault' })).toBeVisible();
  await expect(searchBox(page)).toBeFocused();
  await expect(page.getByText('Find anything in this vault')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Search the vault' })).toHaveCount(0);

  // Latin (ignoring case), Chinese and Arabic-script results, grouped and highlighted.
  await page.keyboard.press('Control+k');
  await searchBox(page).fill('ming');
  const listbox = page.getByRole('listbox', { name: 'Search results' });
  await expect(listbox.getByRole('group', { name: 'Clients' }).getByRole('option')).toHaveCount(2);
  await expect(listbox.getByRole('group', { name: 'Notes' })).toBeVisible();
  await expect(listbox.locator('mark').first()).toHaveText(/ming/i);
  await searchBox(page).fill('signal');
  await expect(listbox.getByRole('group', { name: 'Threats' }).getByRole('option')).toHaveCount(2);
  await expect(listbox.getByRole('group', { name: 'Notes' }).getByRole('option')).toHaveCount(1);
  await expect(listbox.locator('mark', { hasText: /^signal$/i })).toHaveCount(3);
  await screenshot(page, 'insights-search-mixed');
  await searchBox(page).fill('ئابدۇ');
  await expect(listbox.getByRole('option').filter({ hasText: 'ئابدۇرېھىم' }).first()).toBeVisible();
  await screenshot(page, 'insights-search-arabic');
  await searchBox(page).fill('xyzzy-nothing');
  await expect(page.getByRole('dialog').getByRole('paragraph').filter({ hasText: 'Nothing matches “xyzzy-nothing”.' })).toBeVisible();

  // Two of the three characters of 王晓明: Enter opens the case.
  await searchBox(page).fill('晓明');
  await expect(listbox.getByRole('group', { name: 'Clients' }).getByRole('option').first()).toContainText('王晓明');
  await expect(listbox.locator('mark', { hasText: '晓明' }).first()).toBeVisible();
  await screenshot(page, 'insights-search-chinese');
  await searchBox(page).press('Enter');
  await expect(page.getByRole('dialog', { name: 'Search the vault' })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Wang Xiaoming' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Overview', exact: true })).toHaveAttribute('aria-selected', 'true');

  // Arrow keys move across groups; a referral opens on the Referrals tab, a note on Notes.
  await page.keyboard.press('Control+k');
  await searchBox(page).fill('CCF/2026');
  await expect(listbox.getByRole('group', { name: 'Referrals' }).getByRole('option')).toHaveCount(1);
  await searchBox(page).press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'José Martínez Ming' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Referrals', exact: true })).toHaveAttribute('aria-selected', 'true');

  await page.keyboard.press('Control+k');
  await searchBox(page).fill('ming');
  await expect(listbox.getByRole('group', { name: 'Notes' }).getByRole('option')).toHaveCount(1);
  const options = listbox.getByRole('option');
  const total = await options.count();
  for (let i = 1; i < total; i += 1) await searchBox(page).press('ArrowDown');
  await expect(options.last()).toHaveAttribute('aria-selected', 'true');
  await expect(searchBox(page)).toHaveAttribute('aria-activedescendant', (await options.last().getAttribute('id')) ?? '');
  await screenshot(page, 'insights-search-latin');
  await searchBox(page).press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Wang Xiaoming' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Notes', exact: true })).toHaveAttribute('aria-selected', 'true');
});

test('a task due now shows on the dashboard and as a notice; a red notice suggests raising the risk, and accepting raises it', async ({ page, host, workDir }) => {
  test.setTimeout(120_000);
  await createVault(page, { path: vaultPathIn(workDir), recoveryKey: false });
  await expect(page.getByRole('status', { name: 'Notices' }).getByText('A follow-up is due')).toHaveCount(0);
  await goTo(page, 'Dashboard');
  await expect(page.getByText('Nothing to summarise yet')).toBeVisible();

  const ctx = host.services.session.recordContext();
  const li = await createCase(ctx, { client: { legalName: 'Li Wei', originalNames: ['李伟'] }, case: { riskLevel: 'medium' } });
  const aziz = await createCase(ctx, { client: { legalName: 'Aziz Karimov' }, case: { riskLevel: 'high' } });
  await createTask(ctx, { caseId: li.id, task: { title: 'Call the CCF about the red notice', dueOn: isoDay(0) } });
  await createTask(ctx, { caseId: aziz.id, task: { title: 'Check-in call with Aziz', dueOn: isoDay(-2) } });
  await createTask(ctx, { caseId: aziz.id, task: { title: 'Asylum hearing', dueOn: isoDay(5) } });
  await addThreat(ctx, li.id, { tacticId: 'co_opting_state.interpol_red_notice', occurredFrom: isoDay(-3), country: 'DE', channel: 'official_letter' });
  await createReferral(ctx, {
    caseId: aziz.id,
    referral: { recipientType: 'police', recipientOrg: 'Berlin LKA, state security', status: 'sent', sentOn: isoDay(-45), followUpOn: isoDay(-1) },
  });
  await relock(page);

  // The notice: generic title, the task and case code, a way to open it.
  const notices = page.getByRole('status', { name: 'Notices' });
  await expect(notices.getByText('Call the CCF about the red notice')).toBeVisible();
  await expect(notices.getByText(li.code)).toBeVisible();
  await expect(notices.getByText('Check-in call with Aziz')).toBeVisible();
  await expect(notices.getByText('Asylum hearing')).toHaveCount(0);

  await goTo(page, 'Dashboard');
  await expect(page.getByRole('heading', { name: 'Overdue tasks (1)' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Upcoming tasks (2)' })).toBeVisible();
  const main = page.getByRole('main');
  await expect(main.getByRole('button', { name: /Call the CCF about the red notice/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Overdue referral follow-ups (1)' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Upcoming referral follow-ups (0)' }).getByText('No referral follow-ups are coming up.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Referrals waiting for acknowledgement (1)' })).toBeVisible();
  await expect(main.getByText('Waiting 45 days')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Cases at high or critical risk (1)' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Threats in the last 14 days (1)' })).toBeVisible();
  const suggestions = page.getByRole('region', { name: 'Risk suggestions (1)' });
  await expect(suggestions.getByText(/red notice/i).first()).toBeVisible();
  await screenshot(page, 'insights-dashboard');

  // Dismissing a notice hides it; its button opens the case on Tasks.
  await notices.getByRole('group', { name: /Check-in call with Aziz/ }).getByRole('button', { name: 'Dismiss notice' }).click();
  await expect(notices.getByText('Check-in call with Aziz')).toHaveCount(0);
  await notices.getByRole('button', { name: 'Open task' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Li Wei' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Tasks', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(notices.getByText('Call the CCF about the red notice')).toHaveCount(0);

  // The case page shows the suggestion above the tabs; accepting raises the risk.
  const banner = page.getByRole('region', { name: /suggests raising this case’s risk/ });
  await expect(banner.getByText(/red notice/i).first()).toBeVisible();
  await expect(page.getByText('Medium risk').first()).toBeVisible();
  await screenshot(page, 'insights-risk-banner');
  await banner.getByRole('button', { name: 'Raise to High' }).click();
  const dialog = page.getByRole('dialog', { name: 'Raise risk to High?' });
  await dialog.getByLabel('Note (optional)').fill('Red notice confirmed by the client’s lawyer.');
  await dialog.getByRole('button', { name: 'Raise risk' }).click();
  await expect(page.getByText('Risk raised to High.')).toBeVisible();
  await expect(page.locator('.case-header').getByText('High risk')).toBeVisible();
  await expect(banner).toHaveCount(0);
  expect((await host.services.session.recordContext().db.selectFrom('case_file').select('risk_level').where('id', '=', li.id).executeTakeFirstOrThrow()).risk_level).toBe('high');

  // The dashboard no longer suggests it, and lists the case at high risk.
  await goTo(page, 'Dashboard');
  await expect(page.getByRole('heading', { name: 'Risk suggestions (0)' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Cases at high or critical risk (2)' })).toBeVisible();

  // Settings: the waiting threshold moves the referral off the dashboard.
  await goTo(page, 'Settings');
  const card = page.getByRole('region', { name: 'Referrals waiting' });
  await card.getByLabel('Days without acknowledgement').fill('60');
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByText('Saved. Referrals waiting more than 60 days appear on the dashboard.')).toBeVisible();
  await goTo(page, 'Dashboard');
  await expect(page.getByRole('heading', { name: 'Referrals waiting for acknowledgement (0)' })).toBeVisible();
  await expect(page.getByText('No sent referral has waited more than 60 days without acknowledgement.')).toBeVisible();
});

test('reports chart threats and referrals with a table beside each, and export a CSV whose small counts read "<5"', async ({ page, host, workDir }) => {
  test.setTimeout(120_000);
  await createVault(page, { path: vaultPathIn(workDir), recoveryKey: false });
  await goTo(page, 'Reports');
  await expect(page.getByText('No threats or referrals in this period.')).toBeVisible();

  const ctx = host.services.session.recordContext();
  const a = await createCase(ctx, { client: { legalName: 'Gulnara Rakhimova' } });
  const b = await createCase(ctx, { client: { legalName: 'Chen Jie', originalNames: ['陈洁'] } });
  const seeds: ThreatSeed[] = [];
  for (let i = 0; i < 6; i += 1) seeds.push({ tacticId: 'threats_from_distance.coercion_by_proxy', occurredFrom: `2026-0${(i % 3) + 4}-1${i}`, country: 'CN', channel: 'via_family' });
  seeds.push({ tacticId: 'threats_from_distance.overseas_police_station', occurredFrom: '2026-05-20', country: 'NL', channel: 'messaging' });
  seeds.push({ tacticId: 'co_opting_state.interpol_red_notice', occurredFrom: '2026-06-02', country: 'DE', channel: 'official_letter' });
  seeds.push({ tacticId: 'direct_attack.stalking', occurredFrom: '2026-06-15', country: 'NL', channel: 'in_person' });
  for (const [i, seed] of seeds.entries()) await addThreat(ctx, i % 2 === 0 ? a.id : b.id, seed);
  await createReferral(ctx, { caseId: a.id, referral: { recipientType: 'police', recipientOrg: 'Politie Amsterdam', status: 'sent', sentOn: '2026-05-01' } });
  await createReferral(ctx, { caseId: b.id, referral: { recipientType: 'interpol_ccf', recipientOrg: 'CCF', status: 'sent', sentOn: '2026-06-10' } });
  await relock(page);

  await goTo(page, 'Reports');
  const tactic = page.getByRole('region', { name: 'Threats by tactic category, per month' });
  await expect(tactic.getByRole('img', { name: /Threats by tactic category, per month/ })).toBeVisible();
  const tacticTable = tactic.getByRole('table', { name: /Threats by tactic category/ });
  await expect(tacticTable.getByRole('columnheader', { name: 'Threats from a distance' })).toBeVisible();
  await expect(tacticTable.getByRole('row').filter({ hasText: /Apr 2026/ })).toBeVisible();

  const country = page.getByRole('region', { name: 'Threats by country' });
  await expect(country.getByRole('img')).toBeVisible();
  await expect(country.getByRole('table').getByRole('row', { name: 'CN 6' })).toBeVisible();
  await expect(country.getByRole('table').getByRole('row', { name: 'NL 2' })).toBeVisible();
  const channel = page.getByRole('region', { name: 'Threats by channel' });
  await expect(channel.getByRole('table').getByRole('row', { name: 'Via family 6' })).toBeVisible();
  const referrals = page.getByRole('region', { name: 'Referrals by recipient type and outcome' });
  await expect(referrals.getByRole('img')).toBeVisible();
  await expect(referrals.getByRole('table').getByRole('rowheader', { name: 'INTERPOL CCF' })).toBeVisible();
  await expect(page.getByText('Any count under 5 is written as “<5”').first()).toBeVisible();
  await screenshot(page, 'insights-reports');

  // Export: the browser host has no save dialog, so the path is typed.
  const csvPath = join(workDir, 'threats-by-country.csv');
  await country.getByRole('button', { name: 'Export CSV: Threats by country' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export “Threats by country” as CSV' });
  await expect(dialog.getByText('Any count under 5 is written as “<5”')).toBeVisible();
  await dialog.getByLabel('Save as').fill(csvPath);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByText(/Exported \d+ rows? to .*threats-by-country\.csv/)).toBeVisible();
  const csv = readFileSync(csvPath, 'utf8');
  expect(csv).toMatch(/CN.*6/);
  expect(csv).toMatch(/NL.*<5/);
  expect(csv).not.toMatch(/Gulnara|Chen Jie|陈洁/);

  // A date range narrows every chart.
  await page.getByLabel('From', { exact: true }).fill('2026-06-01');
  await page.getByLabel('To', { exact: true }).fill('2026-06-30');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page.getByText(/Period: .*Jun.*2026/)).toBeVisible();
  await expect(country.getByRole('table').getByRole('row', { name: 'CN 2' })).toBeVisible();
  await expect(country.getByRole('table').getByRole('row', { name: 'DE 1' })).toBeVisible();
});
