import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { call, createVault, expectUnlocked, goTo, isoDay, PASSPHRASE, unlock, vaultPathIn } from './helpers';

/**
 * Consent that works in practice (issue 10 §3): a packet blocked for want of
 * consent offers the one-click path to the consent form, filled in from the
 * referral; once saved, the caseworker is back at the packet and it can go.
 */

const SHOTS = '/tmp/ck-shots';
const ORG = 'Rotterdam Police — Unit Transnational Repression';

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const before = page.viewportSize();
  for (const size of [
    { width: 1280, height: 800 },
    { width: 1024, height: 700 },
  ]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(SHOTS, `${name}-${size.width}x${size.height}.png`) });
  }
  if (before) await page.setViewportSize(before);
}

test('a packet blocked for consent: one click opens the consent form filled in from the referral; after saving, the packet can go', async ({ page, host, workDir }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await createVault(page, { path: vaultPathIn(workDir), recoveryKey: false });
  await call(host, 'settings:update', { organisationName: 'Safe Harbour Legal Aid', organisationContact: 'referrals@safeharbour.example' });
  const created = await call<{ id: string; code: string }>(host, 'cases:create', { client: { legalName: 'Li Mei', originalNames: ['李梅'] } });
  const threat = await call<{ id: string }>(host, 'threats:create', {
    caseId: created.id,
    threat: {
      tacticId: 'threats_from_distance.online_harassment', tacticOther: '', datePrecision: 'exact', occurredFrom: isoDay(-20), occurredTo: null,
      country: 'NL', city: 'Rotterdam', channel: 'social_media', targetContactId: null, perpetratorIds: [], evidenceIds: [],
      description: 'Smear posts calling the client a traitor.', severity: 2, verification: 'unverified',
    },
  });
  await call(host, 'referrals:create', {
    caseId: created.id,
    referral: { recipientType: 'police', recipientOrg: ORG, purposeId: 'police.criminal_complaint', purposeDetail: 'Report of the smear campaign', threatIds: [threat.id] },
  });
  // A consent exists, but for another purpose: before structured purposes this was the common trap.
  await call(host, 'consents:create', {
    caseId: created.id,
    consent: { recipientType: 'police', recipientOrg: '', purposeIds: ['police.threat_assessment'], purposeDetail: 'Report of the smear campaign', scopeIdentity: 'named', scopeEvidence: false, obtainedHow: 'verbal', givenOn: isoDay(-30), expiresOn: null },
  });
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await unlock(page, PASSPHRASE);
  await expectUnlocked(page);

  await goTo(page, 'Cases');
  await page.getByRole('button', { name: created.code, exact: true }).click();
  await page.getByRole('tab', { name: 'Referrals', exact: true }).click();
  const referral = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: ORG }) });
  await expect(referral.getByText('Criminal complaint', { exact: true })).toBeVisible();
  await referral.getByRole('button', { name: `Prepare a packet for ${ORG}` }).click();
  const dialog = page.getByRole('dialog', { name: `Prepare a packet for ${ORG}` });
  const gate = dialog.getByRole('region', { name: 'Consent' });

  // Blocked, and the message says what the consent covers and what is missing.
  await expect(gate.getByText('No consent covers this packet')).toBeVisible();
  await expect(gate.getByText(/for “Threat assessment \/ protection request”, not for this referral’s purpose “Criminal complaint”/)).toBeVisible();
  await expect(dialog.getByRole('form', { name: 'Packet choices' }).getByRole('button', { name: 'Export packet' })).toBeDisabled();
  await shot(page, 'consent-path-1-blocked');

  // One click: the consent form, filled in from the referral.
  await gate.getByRole('button', { name: 'Record the client’s consent' }).click();
  const form = dialog.getByRole('form', { name: 'Record consent for this referral' });
  await expect(form.getByLabel('Recipient type')).toHaveValue('police');
  await expect(form.getByLabel('Organisation')).toHaveValue(ORG);
  await expect(form.getByRole('checkbox', { name: 'Criminal complaint' })).toBeChecked();
  await expect(form.getByRole('checkbox', { name: 'Threat assessment / protection request' })).not.toBeChecked();
  await expect(form.getByText(/PDFs and other files cannot be cleaned/)).toBeVisible();
  await form.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await shot(page, 'consent-path-2-prefilled-form-top');
  await form.getByRole('checkbox', { name: 'Evidence may be shared' }).check();
  await shot(page, 'consent-path-2-prefilled-form');
  await form.getByRole('button', { name: 'Record consent' }).click();

  // Back at the packet, which the new consent now covers.
  const choices = dialog.getByRole('form', { name: 'Packet choices' });
  await expect(choices).toBeVisible();
  await expect(gate.getByText('Consent given')).toBeVisible();
  await expect(gate.getByText(/Criminal complaint/)).toBeVisible();
  await expect(gate.getByLabel(/Share without consent/)).toHaveCount(0);
  const target = join(workDir, `${created.code}_police.zip`);
  await choices.getByLabel('Packet file').fill(target);
  await expect(dialog.getByText('Up to date')).toBeVisible();
  const exportButton = choices.getByRole('button', { name: 'Export packet' });
  await expect(exportButton).toBeEnabled();
  await shot(page, 'consent-path-3-unblocked');
  await exportButton.click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Packet exported' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toHaveCount(0);

  // The packet went with consent; the referral shows the consent recorded for it, and the Consent tab lists it.
  await expect(referral.getByRole('table', { name: 'Packets sent' }).getByRole('row').nth(1)).toContainText('With consent');
  await expect(referral.getByText('Recorded for this referral')).toBeVisible();
  await referral.scrollIntoViewIfNeeded();
  await shot(page, 'consent-path-8-referral-linked');
  await page.getByRole('tab', { name: 'Consent', exact: true }).click();
  const consents = page.getByRole('list', { name: 'Consent' });
  await expect(consents.getByRole('listitem').filter({ hasText: ORG }).getByRole('list', { name: 'Purposes' })).toHaveText('Criminal complaint');
  await shot(page, 'consent-path-7-consent-tab');
});

test('the referral form offers "Record consent for this referral", and the dashboard lists consents about to expire', async ({ page, host, workDir }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await createVault(page, { path: vaultPathIn(workDir), recoveryKey: false });
  const created = await call<{ id: string; code: string }>(host, 'cases:create', { client: { legalName: 'Aynur Tursun' } });
  await call(host, 'referrals:create', { caseId: created.id, referral: { recipientType: 'interpol_ccf', recipientOrg: 'CCF', purposeId: 'interpol_ccf.deletion' } });
  await call(host, 'consents:create', {
    caseId: created.id,
    consent: { recipientType: 'un_special_procedure', recipientOrg: '', purposeIds: ['un_special_procedure.urgent_appeal'], purposeDetail: '', scopeIdentity: 'named', scopeEvidence: true, obtainedHow: 'written', givenOn: isoDay(-10), expiresOn: isoDay(9) },
  });
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await unlock(page, PASSPHRASE);
  await expectUnlocked(page);

  await goTo(page, 'Dashboard');
  const expiring = page.getByRole('region', { name: /Consents expiring within 30 days/ });
  await expect(expiring.getByText('Expires in 9 days', { exact: false })).toBeVisible();
  await expect(expiring.getByText(/Urgent appeal/)).toBeVisible();
  await shot(page, 'consent-path-4-dashboard');
  await expiring.getByRole('button', { name: /UN special procedure/ }).click();
  await expect(page.getByRole('tab', { name: 'Consent', exact: true })).toHaveAttribute('aria-selected', 'true');

  await page.getByRole('tab', { name: 'Referrals', exact: true }).click();
  await page.getByRole('button', { name: 'Edit referral to CCF' }).click();
  const referralForm = page.getByRole('form', { name: 'Edit referral' });
  await expect(referralForm.getByLabel('Purpose', { exact: true })).toHaveValue('interpol_ccf.deletion');
  await referralForm.getByRole('button', { name: 'Record consent for this referral' }).click();
  const consentForm = page.getByRole('form', { name: 'Record consent for this referral' });
  await expect(consentForm.getByRole('checkbox', { name: 'CCF deletion request (notice or diffusion)' })).toBeChecked();
  await shot(page, 'consent-path-5-referral-form');
  await consentForm.getByRole('button', { name: 'Record consent' }).click();
  const referral = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'CCF' }) });
  await expect(referral.getByText('Recorded for this referral')).toBeVisible();
});

test('a relative’s date of birth and ID numbers can be recorded on the contact, marked as never shared', async ({ page, host, workDir }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await createVault(page, { path: vaultPathIn(workDir), recoveryKey: false });
  const created = await call<{ id: string; code: string }>(host, 'cases:create', { client: { legalName: 'Aynur Tursun' } });
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await unlock(page, PASSPHRASE);
  await expectUnlocked(page);
  await goTo(page, 'Cases');
  await page.getByRole('button', { name: created.code, exact: true }).click();
  await page.getByRole('tab', { name: 'Contacts', exact: true }).click();
  await page.getByRole('button', { name: 'Add a contact' }).click();
  await page.getByLabel('Relationship').fill('brother');
  await page.getByLabel('Name', { exact: true }).fill('Erkin Tursun');
  const kept = page.getByRole('group', { name: 'Kept out of packets (optional)' });
  await expect(kept.getByText(/Never shared in any packet or report/)).toBeVisible();
  await kept.getByLabel('Date of birth').fill('1984-07-09');
  await kept.getByLabel('ID and passport numbers').fill('ID card CN 65310119840709001X');
  await kept.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  await shot(page, 'consent-path-6-contact-form');
  await page.getByRole('button', { name: 'Add contact' }).click();
  await page.getByRole('button', { name: 'Edit Erkin Tursun' }).click();
  await expect(page.getByLabel('Date of birth')).toHaveValue('1984-07-09');
  await expect(page.getByLabel('ID and passport numbers').first()).toHaveValue('ID card CN 65310119840709001X');
});
