import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BlobReader, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import type { Page } from '@playwright/test';
import type { TestHost } from '../host/server';
import { expect, test } from './fixtures';
import { call, createVault, expectUnlocked, goTo, isoDay, PASSPHRASE, unlock, vaultPathIn } from './helpers';

/**
 * The caseworker decides on possible matches in the packet preview: a
 * Chinese name inside a longer word is kept as written, a given name alone
 * is confirmed as the relative; certain replacements need no decision. And
 * when the leak scan stops an export, the message shows the exact text.
 */

const SHOTS = '/tmp/ck-shots';
const ORG = 'Amsterdam Police — TNR desk';

async function shot(page: Page, name: string, size = { width: 1280, height: 800 }): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize(size);
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

async function seed(host: TestHost): Promise<string> {
  const created = await call<{ id: string; code: string }>(host, 'cases:create', {
    client: { legalName: 'Zhang Min', originalNames: ['张敏'], nationality: 'CN', residenceCountry: 'NL' },
    case: { riskLevel: 'high', summary: 'Student in Amsterdam whose family in Wenzhou is questioned.' },
  });
  const father = await call<{ id: string }>(host, 'contacts:create', {
    caseId: created.id,
    role: 'family_home',
    relationship: 'father, lives in Tangxia',
    contact: { name: 'Zhang Jianguo', originalNames: ['张建国'], country: 'CN', city: 'Wenzhou' },
  });
  await call(host, 'contacts:create', { caseId: created.id, role: 'family_home', relationship: 'brother', contact: { name: 'Zhang Wei', originalNames: ['张伟'], country: 'CN' } });
  const threat = await call<{ id: string }>(host, 'threats:create', {
    caseId: created.id,
    threat: {
      tacticId: 'threats_from_distance.coercion_by_proxy', tacticOther: '', datePrecision: 'exact', occurredFrom: isoDay(-10), occurredTo: null,
      country: 'CN', city: '', channel: 'in_person', targetContactId: father.id, perpetratorIds: [], evidenceIds: [],
      description: '警察说要主张伟大复兴。张伟的父亲被约谈。Officers told Jianguo that ZHANG, Jian-guo must call his daughter.',
      severity: 4, verification: 'corroborated',
    },
  });
  await call(host, 'evidence:add', {
    caseId: created.id,
    evidence: { fileName: 'notes-from-call.txt', mediaType: 'text/plain', collectedAt: new Date().toISOString(), collectedHow: 'Typed by the client', collectedBy: 'Caseworker', collectedFrom: 'Client', description: '' },
    dataBase64: Buffer.from('Call on Monday: the officer asked for Zhang Jian-guo by name.').toString('base64'),
    threatIds: [threat.id],
  });
  await call(host, 'referrals:create', { caseId: created.id, referral: { recipientType: 'police', recipientOrg: ORG, purposeId: 'police.criminal_complaint', purposeDetail: '', threatIds: [threat.id] } });
  await call(host, 'consents:create', {
    caseId: created.id,
    consent: { recipientType: 'police', recipientOrg: '', purposeIds: ['police.criminal_complaint'], purposeDetail: '', scopeIdentity: 'named', scopeEvidence: true, obtainedHow: 'written', givenOn: isoDay(-2), expiresOn: null },
  });
  await call(host, 'settings:update', { organisationName: 'Safe Harbour Legal Aid' });
  return created.code;
}

test('possible matches are shown with their reason, the caseworker keeps one and confirms another, and a leak names the exact text', async ({ page, host, workDir }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await createVault(page, { path: vaultPathIn(workDir), recoveryKey: false });
  const code = await seed(host);
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await unlock(page, PASSPHRASE);
  await expectUnlocked(page);

  await goTo(page, 'Cases');
  await page.getByRole('button', { name: code, exact: true }).click();
  await page.getByRole('tab', { name: 'Referrals', exact: true }).click();
  await page.getByRole('button', { name: `Prepare a packet for ${ORG}` }).click();
  const dialog = page.getByRole('dialog', { name: `Prepare a packet for ${ORG}` });
  const preview = dialog.getByRole('region', { name: 'Preview — exactly what goes' });
  await expect(dialog.getByText('Up to date')).toBeVisible();

  // Two possible matches: 张伟 inside 主张伟大复兴, and "Jianguo" alone. The certain ones are plain marks.
  await expect(preview.getByText('2 possible matches')).toBeVisible();
  const inWord = preview.getByRole('group', { name: 'Possible match “张伟” (inside a longer word)' });
  const givenName = preview.getByRole('group', { name: 'Possible match “Jianguo” (part of a name)' });
  await expect(inWord).toBeVisible();
  await expect(givenName).toBeVisible();
  const timeline = preview.getByRole('table', { name: /Timeline/ });
  // Labels are lettered in record order: the father is A or B.
  await expect(timeline.locator('mark.packet-mark:not(.packet-mark--possible)').filter({ hasText: /^Relative [AB] \(father\)$/ })).toHaveCount(1);
  // The father's relationship is printed as a kinship term, never as typed.
  await expect(preview).not.toContainText('Tangxia');
  await shot(page, 'packets-possible-matches', { width: 1440, height: 900 });

  // Keep 张伟 in 主张伟大复兴 as written; confirm that "Jianguo" is the father.
  await inWord.getByRole('button', { name: 'No, keep “张伟”' }).click();
  await expect(dialog.getByText('Up to date')).toBeVisible();
  // Kept as written, with a way back.
  await expect(timeline).toContainText(/主张伟\s*↺\s*大复兴/);
  await expect(timeline.getByRole('button', { name: 'Replace “张伟” after all' })).toBeVisible();
  await givenName.getByRole('button', { name: 'Yes, replace' }).click();
  await expect(preview.getByText('You decided on every possible match.')).toBeVisible();
  await shot(page, 'packets-possible-decided', { width: 1024, height: 700 });

  // The text file names the father: include it as is, and the leak scan stops the export, quoting the text.
  const choices = dialog.getByRole('form', { name: 'Packet choices' });
  const txt = choices.getByRole('listitem').filter({ hasText: 'notes-from-call.txt' });
  await txt.getByRole('checkbox', { name: /notes-from-call\.txt/ }).check();
  await txt.getByRole('checkbox', { name: 'Include as is' }).check();
  const outDir = join(workDir, 'outbox');
  mkdirSync(outDir);
  const target = join(outDir, `${code}_police.zip`);
  await choices.getByLabel('Packet file').fill(target);
  await expect(dialog.getByText('Up to date')).toBeVisible();
  await choices.getByRole('button', { name: 'Export packet' }).click();
  const error = dialog.getByText(/The packet was not written: a withheld value was found in it/);
  await expect(error).toBeVisible();
  await expect(error).toContainText(/Relative [AB] \(father\)/);
  await expect(error).toContainText('asked for Zhang Jian-guo by name');
  await shot(page, 'packets-leak-blocked', { width: 1280, height: 800 });

  // Leave the file out: the export goes, with 主张伟大复兴 as written and the father nowhere.
  await txt.getByRole('checkbox', { name: /notes-from-call\.txt/ }).uncheck();
  await expect(dialog.getByText('Up to date')).toBeVisible();
  await choices.getByRole('button', { name: 'Export packet' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Packet exported' })).toBeVisible();
  const reader = new ZipReader(new BlobReader(new Blob([readFileSync(target)])));
  const entries = await reader.getEntries();
  const jsonEntry = entries.find((e) => e.filename === 'referral.json');
  if (!jsonEntry || jsonEntry.directory) throw new Error('referral.json is missing from the packet');
  const json = new TextDecoder().decode(await jsonEntry.getData(new Uint8ArrayWriter()));
  await reader.close();
  expect(json).toContain('主张伟大复兴');
  for (const secret of ['Jianguo', 'Jian-guo', '张建国', 'Tangxia']) expect(json).not.toContain(secret);
  expect(json).toMatch(/Relative [AB] \(father\)/);
});
