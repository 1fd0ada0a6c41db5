import type { Page } from '@playwright/test';
import { createCase, getCase, listCases, updateCase } from '../../electron/services/cases/cases.service';
import { createContactForCase } from '../../electron/services/contacts/contacts.service';
import { createThreat } from '../../electron/services/threats/threats.service';
import type { TestHost } from '../host/server';
import { expect, test } from './fixtures';
import { createVault, goTo, PASSPHRASE, screenshot, unlock, vaultPathIn } from './helpers';

async function caseByName(host: TestHost, name: string) {
  const ctx = host.services.session.recordContext();
  const page = await listCases(ctx.db, { text: name, archived: 'include' });
  return getCase(ctx.db, page.items[0]!.id);
}

function caseRow(page: Page, name: string) {
  return page.getByRole('table', { name: 'Cases' }).getByRole('row').filter({ hasText: name });
}

async function openTab(page: Page, name: string) {
  await page.getByRole('tablist', { name: 'Case sections' }).getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

test('a caseworker does intake, records threats and relatives, edits the overview, meets a conflict, archives, restores and erases a case', async ({ page, host, workDir }) => {
  test.setTimeout(180_000);
  await createVault(page, { path: vaultPathIn(workDir), recoveryKey: false });
  await expect(page.getByText('No cases yet')).toBeVisible();

  // Intake.
  await page.getByRole('button', { name: 'New case' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New case' })).toBeVisible();
  await page.getByRole('button', { name: 'Create case' }).click();
  await expect(page.getByText('Enter the client’s legal name.')).toBeVisible();
  await page.getByLabel('Legal name').fill('Li Minghua');
  await page.getByLabel('Names in original script').fill('李明华');
  await page.getByLabel('Aliases and transliterations').fill('Lee Ming-wah');
  await page.getByLabel('Date of birth').fill('1988-04-12');
  await page.getByLabel('Nationality').fill('China');
  await page.getByLabel('Country of residence').fill('Germany');
  await page.getByLabel('Immigration status').selectOption('asylum_seeker');
  await page.getByLabel('Languages').fill('Mandarin');
  await page.getByLabel('Safe contact methods').fill('Signal only. Never WeChat.');
  await page.getByLabel('Religion').fill('Falun Gong practitioner');
  await page.getByLabel('Risk level').selectOption('high');
  await page.getByLabel('Summary').fill('Family in Xinjiang questioned after the client spoke at a protest in Berlin.');
  await expect(page.getByText('Sensitive attributes')).toBeVisible();
  await screenshot(page, 'cases-02-intake');
  await page.getByRole('button', { name: 'Create case' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Li Minghua' })).toBeVisible();
  await expect(page.getByText(/^CK-2026-\d{4}$/)).toBeVisible();
  await expect(page.getByText('High risk').first()).toBeVisible();

  // A second case, made elsewhere: low risk.
  const ctx = host.services.session.recordContext();
  await createCase(ctx, { client: { legalName: 'Yerlan Nurlanov', originalNames: ['Ерлан Нурланов'] }, case: { riskLevel: 'low' } });

  // The list finds the client by part of the Chinese name, and filters by risk.
  await page.getByRole('button', { name: 'Back to cases' }).click();
  await page.getByLabel('Search cases').fill('明华');
  await expect(caseRow(page, 'Li Minghua')).toHaveCount(1);
  await expect(caseRow(page, 'Yerlan')).toHaveCount(0);
  await page.getByLabel('Search cases').fill('');
  await expect(caseRow(page, 'Yerlan Nurlanov')).toHaveCount(1);
  const risk = page.getByRole('group', { name: 'Risk' });
  await risk.getByRole('button', { name: 'Low' }).click();
  await expect(caseRow(page, 'Yerlan Nurlanov')).toHaveCount(1);
  await expect(caseRow(page, 'Li Minghua')).toHaveCount(0);
  await risk.getByRole('button', { name: 'Low' }).click();
  await risk.getByRole('button', { name: 'High' }).click();
  await expect(caseRow(page, 'Li Minghua')).toHaveCount(1);
  await expect(caseRow(page, 'Yerlan Nurlanov')).toHaveCount(0);
  await caseRow(page, 'Li Minghua').getByRole('button', { name: /^CK-/ }).click();

  // Contacts: a relative at home (never disclose by default), one abroad, and the agent.
  await openTab(page, 'Contacts');
  await page.getByRole('button', { name: 'Add a contact' }).click();
  await expect(page.getByLabel('Role')).toHaveValue('family_home');
  await expect(page.getByLabel('Sensitivity')).toHaveValue('never_disclose');
  await page.getByLabel('Relationship').fill('brother');
  await page.getByLabel('Name', { exact: true }).fill('Li Wei');
  await page.getByLabel('Names in original script').fill('李伟');
  await page.getByLabel('Country').fill('China');
  await page.getByLabel('City').fill('Ürümqi');
  await page.getByLabel('Messaging handles').fill('WeChat: liwei_88');
  await page.getByRole('button', { name: 'Add contact' }).click();
  await page.getByRole('button', { name: 'Add a contact' }).click();
  await page.getByLabel('Role').selectOption('family_abroad');
  await expect(page.getByLabel('Sensitivity')).toHaveValue('confidential');
  await page.getByLabel('Relationship').fill('sister');
  await page.getByLabel('Name', { exact: true }).fill('Li Na');
  await page.getByLabel('Country').fill('Canada');
  await page.getByLabel('Phones').fill('+1 604 555 0199');
  await page.getByRole('button', { name: 'Add contact' }).click();
  await page.getByRole('button', { name: 'Add a contact' }).click();
  await page.getByLabel('Role').selectOption('perpetrator');
  await page.getByLabel('Name', { exact: true }).fill('Officer Zhang');
  await page.getByRole('button', { name: 'Add contact' }).click();
  const contacts = page.getByRole('list', { name: 'Contacts' });
  await expect(contacts.getByRole('listitem')).toHaveCount(3);
  await expect(contacts.getByRole('listitem').filter({ hasText: 'Li Wei' }).getByText('Never disclose')).toBeVisible();
  await expect(contacts.getByRole('listitem').filter({ hasText: 'Li Na' }).getByText('Confidential')).toBeVisible();
  await screenshot(page, 'cases-05-contacts-section');

  // Threats of three tactic categories: an exact day, a month, a range.
  await openTab(page, 'Threats');
  await expect(page.getByText('No threats recorded')).toBeVisible();
  await page.getByRole('button', { name: 'Record a threat' }).click();
  await page.getByLabel('Tactic').selectOption('threats_from_distance.coercion_by_proxy');
  await page.getByLabel('Date', { exact: true }).fill('2026-10-02');
  await page.getByRole('textbox', { name: 'Country' }).fill('China');
  await page.getByLabel('Channel').selectOption('phone');
  await page.getByLabel('Who was targeted').selectOption({ label: 'Li Wei (Family member in home country)' });
  await page.getByRole('checkbox', { name: 'Officer Zhang (Perpetrator or agent)' }).check();
  await page.getByLabel('Severity').selectOption('4');
  await page.getByLabel('Description').fill('Police called the brother and told him to make 李明华 stop protesting.');
  await screenshot(page, 'cases-04b-threat-form');
  await page.getByRole('button', { name: 'Record threat' }).click();
  await expect(page.getByRole('article', { name: /Coercion by proxy/ })).toBeVisible();

  await page.getByRole('button', { name: 'Record a threat' }).click();
  await page.getByLabel('Tactic').selectOption('co_opting_state.interpol_red_notice');
  await page.getByLabel('Date precision').selectOption('month');
  await page.getByLabel('Month').fill('2025-03');
  await page.getByLabel('Verification').selectOption('verified');
  await page.getByRole('button', { name: 'Record threat' }).click();

  await page.getByRole('button', { name: 'Record a threat' }).click();
  await page.getByLabel('Tactic').selectOption('mobility_controls.passport_cancellation');
  await page.getByLabel('Date precision').selectOption('range');
  await page.getByLabel('From', { exact: true }).fill('2024-06-30');
  await page.getByLabel('To', { exact: true }).fill('2024-01-10');
  await page.getByRole('button', { name: 'Record threat' }).click();
  await expect(page.getByText('The end of the range is before its start.')).toBeVisible();
  await page.getByLabel('From', { exact: true }).fill('2024-01-10');
  await page.getByLabel('To', { exact: true }).fill('2024-06-30');
  await page.getByRole('button', { name: 'Record threat' }).click();

  const timeline = page.getByRole('list', { name: 'Threat timeline' });
  await expect(timeline.getByRole('article')).toHaveCount(3);
  const articles = timeline.getByRole('article');
  await expect(articles.nth(0)).toContainText('Threats from a distance › Coercion by proxy');
  await expect(articles.nth(0)).toContainText('Li Wei');
  await expect(articles.nth(0)).toContainText('Officer Zhang');
  await expect(articles.nth(1)).toContainText('March 2025');
  await expect(articles.nth(1)).toContainText('Co-opting another state › Interpol red notice');
  await expect(articles.nth(2)).toContainText(/from Jan 10, 2024 to Jun 30, 2024/);
  await screenshot(page, 'cases-04-threats-timeline');

  // The perpetrator of a threat cannot be removed from the case: the server says why.
  await openTab(page, 'Contacts');
  await page.getByRole('button', { name: 'Remove Officer Zhang from this case' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove from case' }).click();
  await expect(page.getByRole('dialog').getByText(/cannot be removed from this case/)).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  // Overview: raise the risk (a reason is required) and edit the summary.
  await openTab(page, 'Overview');
  const caseForm = page.getByRole('form', { name: 'Case details' });
  await caseForm.getByLabel('Risk level').selectOption('critical');
  await caseForm.getByRole('button', { name: 'Save case details' }).click();
  await expect(caseForm.getByText('Say why the risk level changed')).toBeVisible();
  await caseForm.getByLabel('Reason for the risk change').fill('Red notice confirmed by the lawyer.');
  await caseForm.getByLabel('Summary').fill('Red notice confirmed; brother questioned twice.');
  await caseForm.getByRole('button', { name: 'Save case details' }).click();
  await expect(caseForm.getByText('Case details saved.')).toBeVisible();
  await expect(page.getByText('Red notice confirmed by the lawyer.')).toBeVisible();
  await expect(page.getByText('Critical risk').first()).toBeVisible();
  await page.getByRole('button', { name: 'Edit client details' }).click();
  await page.getByLabel('Safe contact times').fill('Weekdays 18:00–20:00 CET');
  await page.getByRole('button', { name: 'Save client details' }).click();
  await expect(page.getByText('Weekdays 18:00–20:00 CET')).toBeVisible();
  await screenshot(page, 'cases-03-overview');

  // Unsaved changes: switching tabs asks first.
  await caseForm.getByLabel('Summary').fill('A draft that is not saved yet.');
  await page.getByRole('tab', { name: 'Threats' }).click();
  await expect(page.getByRole('dialog', { name: 'Discard unsaved changes?' })).toBeVisible();
  await page.getByRole('button', { name: 'Keep editing' }).click();
  await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');

  // A stale edit: someone changes the case after this form was opened.
  const current = await caseByName(host, 'Li Minghua');
  await updateCase(host.services.session.recordContext(), { id: current.id, version: current.version, patch: { status: 'active', assignedTo: 'Dana Ivanova' } });
  await caseForm.getByRole('button', { name: 'Save case details' }).click();
  const notice = page.getByRole('alert').filter({ hasText: 'Someone else changed this' });
  await expect(notice).toBeVisible();
  const differences = notice.getByRole('table');
  await expect(differences.getByRole('row', { name: /Status/ })).toContainText('Active');
  await expect(differences.getByRole('row', { name: /Assigned caseworker/ })).toContainText('Dana Ivanova');
  await expect(differences.getByRole('row', { name: /Summary/ })).toContainText('A draft that is not saved yet.');
  await screenshot(page, 'cases-07-conflict');
  await notice.getByRole('button', { name: 'Continue from the saved version' }).click();
  await expect(caseForm.getByLabel('Status')).toHaveValue('active');
  await expect(caseForm.getByLabel('Summary')).toHaveValue('Red notice confirmed; brother questioned twice.');

  // Archive hides the case from the default list; restore brings it back.
  await page.getByRole('button', { name: 'Archive', exact: true }).click();
  await expect(page.getByText('This case is archived')).toBeVisible();
  await page.getByRole('button', { name: 'Back to cases' }).click();
  await expect(page.getByRole('group', { name: 'Risk' }).getByRole('button', { name: 'High' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('group', { name: 'Risk' }).getByRole('button', { name: 'High' }).click();
  await expect(caseRow(page, 'Yerlan Nurlanov')).toHaveCount(1);
  await expect(caseRow(page, 'Li Minghua')).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Include archived cases' }).check();
  await expect(caseRow(page, 'Li Minghua')).toContainText('Archived');
  await caseRow(page, 'Li Minghua').getByRole('button', { name: /^CK-/ }).click();
  await page.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByText('This case is archived')).toHaveCount(0);
  await page.getByRole('button', { name: 'Back to cases' }).click();
  await page.getByRole('checkbox', { name: 'Include archived cases' }).uncheck();
  await expect(caseRow(page, 'Li Minghua')).toHaveCount(1);

  // Erasing needs the case code typed in.
  await caseRow(page, 'Li Minghua').getByRole('button', { name: /^CK-/ }).click();
  const code = (await page.locator('.case-header__code').textContent()) ?? '';
  await page.getByRole('button', { name: 'Erase…' }).click();
  const dialog = page.getByRole('dialog', { name: `Erase case ${code}?` });
  await expect(dialog.getByText('This is permanent and cannot be undone')).toBeVisible();
  await dialog.getByRole('button', { name: 'Erase permanently' }).click();
  await expect(dialog.getByText(`Type ${code} exactly to erase this case.`)).toBeVisible();
  await dialog.getByLabel(`Type the case code ${code} to confirm`).fill(code);
  await dialog.getByRole('button', { name: 'Erase permanently' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cases' })).toBeVisible();
  await expect(caseRow(page, 'Li Minghua')).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Include archived cases' }).check();
  await expect(caseRow(page, 'Li Minghua')).toHaveCount(0);
  expect((await listCases(host.services.session.recordContext().db, { archived: 'include' })).total).toBe(1);
});

const NAMES: Array<[string, string[]]> = [
  ['Wang Fang', ['王芳']],
  ['Zhang Wei', ['张伟']],
  ['Chen Jing', ['陈静']],
  ['Liu Yang', ['刘洋']],
  ['Huang Min', ['黄敏']],
  ['Zhou Jie', ['周杰']],
  ['Wu Xiaoling', ['吴晓玲']],
  ['Ahmet Tursun', ['ئەخمەت تۇرسۇن']],
  ['Gulnar Abdukerim', ['گۈلنار ئابدۇكېرىم']],
  ['Mehmet Rozi', ['مەھمەت روزى']],
  ['Aynur Memet', ['ئاينۇر مەمەت']],
  ['Tenzin Dolma', ['བསྟན་འཛིན་སྒྲོལ་མ']],
  ['Tashi Wangchuk', ['བཀྲ་ཤིས་དབང་ཕྱུག']],
  ['Yerlan Nurlanov', ['Ерлан Нурланов']],
  ['Aigerim Seitova', ['Айгерим Сеитова']],
  ['Dmitri Volkov', ['Дмитрий Волков']],
  ['Olga Petrenko', ['Ольга Петренко']],
  ['Farida Karimova', ['Фарида Каримова']],
  ['Maryam Rahimi', []],
  ['Samuel Okoro', []],
  ['Hoang Thi Lan', []],
  ['Nguyen Van An', []],
  ['Ali Hassan', ['علي حسن']],
  ['Leyla Aliyeva', []],
  ['Rustam Saidov', ['Рустам Саидов']],
  ['Sun Li', ['孙丽']],
  ['Ma Jun', ['马军']],
  ['Dilnur Reyhan', ['دىلنۇر رەيھان']],
  ['Pema Lhamo', ['པདྨ་ལྷ་མོ']],
  ['Kwok Ka-ho', ['郭家豪']],
];
const STATUSES = ['intake', 'active', 'referred', 'monitoring', 'closed'] as const;
const RISKS = ['low', 'medium', 'high', 'critical'] as const;
const TACTICS = ['direct_attack.stalking', 'co_opting_state.interpol_red_notice', 'mobility_controls.travel_ban', 'threats_from_distance.coercion_by_proxy', 'threats_from_distance.online_harassment'];

test('thirty cases in many scripts: the list sorts, searches and opens them; the contacts page links back to cases', async ({ page, host, workDir }) => {
  test.setTimeout(120_000);
  await createVault(page, { path: vaultPathIn(workDir), recoveryKey: false });
  const ctx = host.services.session.recordContext();
  for (const [index, [legalName, originalNames]] of NAMES.entries()) {
    const created = await createCase(ctx, {
      client: { legalName, originalNames },
      case: { status: STATUSES[index % 5], riskLevel: RISKS[index % 4], assignedTo: index % 3 === 0 ? 'Mei Lin' : index % 3 === 1 ? 'Dana Ivanova' : '' },
    });
    const relative = await createContactForCase(ctx, {
      caseId: created.id,
      role: index % 2 === 0 ? 'family_home' : 'family_abroad',
      relationship: index % 2 === 0 ? 'mother' : 'cousin',
      contact: { name: `${legalName.split(' ')[1] ?? legalName} (relative)`, originalNames: originalNames.length ? [`${originalNames[0]} 的亲属`] : [], country: index % 2 === 0 ? 'China' : 'Canada' },
    });
    for (let k = 0; k < index % 4; k++) {
      await createThreat(ctx, {
        caseId: created.id,
        threat: {
          tacticId: TACTICS[(index + k) % TACTICS.length]!,
          tacticOther: '',
          datePrecision: 'exact',
          occurredFrom: `2026-0${1 + k}-1${k}`,
          occurredTo: null,
          country: 'China',
          city: '',
          channel: 'phone',
          targetContactId: relative.id,
          perpetratorIds: [],
          evidenceIds: [],
          description: '',
          severity: 1 + (index % 5),
          verification: 'unverified',
        },
      });
    }
  }
  // Lock and unlock: the list starts from what is in the vault now.
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await unlock(page, PASSPHRASE);
  await expect(page.getByText('30 cases')).toBeVisible();
  await screenshot(page, 'cases-01-list');

  const table = page.getByRole('table', { name: 'Cases' });
  const codeHeader = table.getByRole('columnheader', { name: /Code/ });
  await codeHeader.getByRole('button').click();
  await expect(codeHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(table.getByRole('row').nth(1)).toContainText('Wang Fang');
  await codeHeader.getByRole('button').click();
  await expect(codeHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(table.getByRole('row').nth(1)).toContainText('Kwok Ka-ho');

  await page.getByLabel('Search cases').fill('تۇرسۇن');
  await expect(caseRow(page, 'Ahmet Tursun')).toHaveCount(1);
  await expect(table.getByRole('row')).toHaveCount(2);
  await page.getByLabel('Search cases').fill('');
  await page.getByLabel('Tactic').selectOption('co_opting_state');
  await expect(page.getByText(/^\d+ cases?$/)).not.toHaveText('30 cases');
  await page.getByLabel('Tactic').selectOption('');
  await page.getByLabel('Assigned caseworker').selectOption('Mei Lin');
  await expect(page.getByText('10 cases')).toBeVisible();
  await page.getByLabel('Assigned caseworker').selectOption('');

  await goTo(page, 'Contacts');
  await expect(page.getByText('30 contacts')).toBeVisible();
  await screenshot(page, 'cases-06-contacts-page');
  await page.getByLabel('Search contacts').fill('Tursun');
  const row = page.getByRole('listitem').filter({ hasText: 'Tursun (relative)' });
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: /CK-/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ahmet Tursun' })).toBeVisible();
  await page.getByRole('button', { name: 'Back to cases' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cases' })).toBeVisible();
});
