import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { listReferrals, updateReferral } from '../../electron/services/referrals/referrals.service';
import { expect, test } from './fixtures';
import { createVault, goTo, screenshot, vaultPathIn, isoDay } from './helpers';

/** The story, as one caseworker would live it, through the real UI. */

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tablist', { name: 'Case sections' }).getByRole('tab', { name, exact: true }).click();
  await expect(page.getByRole('tab', { name, exact: true })).toHaveAttribute('aria-selected', 'true');
}

test('intake → three threats with evidence → two relatives → referral with follow-up → consent → all in History; a stale edit shows the conflict', async ({ page, host, workDir }) => {
  test.setTimeout(180_000);
  await createVault(page, { path: vaultPathIn(workDir), recoveryKey: false });
  await goTo(page, 'Settings');
  await page.getByLabel('Caseworker name').fill('Chen Jing 陈静');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByText('Name saved.')).toBeVisible();

  // Intake.
  await goTo(page, 'Cases');
  await page.getByRole('button', { name: 'New case' }).click();
  await page.getByLabel('Legal name').fill('Gulnara Abdulla');
  await page.getByLabel('Names in original script').fill('گۈلنارە ئابدۇللا');
  await page.getByLabel('Risk level').selectOption('high');
  await page.getByLabel('Summary').fill('Uyghur activist in Munich; family in Kashgar pressured.');
  await page.getByRole('button', { name: 'Create case' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Gulnara Abdulla' })).toBeVisible();

  // Two relatives, one in the home country (never disclosed by default).
  await openTab(page, 'Contacts');
  await page.getByRole('button', { name: 'Add a contact' }).click();
  await expect(page.getByLabel('Sensitivity')).toHaveValue('never_disclose');
  await page.getByLabel('Relationship').fill('mother');
  await page.getByLabel('Name', { exact: true }).fill('Aynur Abdulla');
  await page.getByLabel('Country').fill('China');
  await page.getByRole('button', { name: 'Add contact' }).click();
  await page.getByRole('button', { name: 'Add a contact' }).click();
  await page.getByLabel('Role').selectOption('family_abroad');
  await page.getByLabel('Relationship').fill('brother');
  await page.getByLabel('Name', { exact: true }).fill('Ablikim Abdulla');
  await page.getByLabel('Country').fill('Turkey');
  await page.getByRole('button', { name: 'Add contact' }).click();
  await expect(page.getByText('Ablikim Abdulla').first()).toBeVisible();

  // Three threats of different tactics.
  await openTab(page, 'Threats');
  const tactics = [
    ['threats_from_distance.coercion_by_proxy', isoDay(-50)],
    ['co_opting_state.interpol_red_notice', isoDay(-30)],
    ['threats_from_distance.hacking', isoDay(-7)],
  ] as const;
  for (const [tactic, day] of tactics) {
    await page.getByRole('button', { name: 'Record a threat' }).click();
    await page.getByLabel('Tactic').selectOption(tactic);
    await page.getByLabel('Date', { exact: true }).fill(day);
    await page.getByRole('button', { name: 'Record threat' }).click();
  }
  await expect(page.getByRole('list', { name: 'Threat timeline' }).getByRole('article')).toHaveCount(3);

  // Evidence for each threat, linked at intake.
  await openTab(page, 'Evidence');
  const names = ['mother-call-log.png', 'red-notice-letter.png', 'phishing-mail.txt'];
  const labels = [/Coercion by proxy/i, /red notice/i, /Hacking/i];
  for (const [i, name] of names.entries()) {
    const path = join(workDir, name);
    if (name.endsWith('.png')) await sharp({ create: { width: 200, height: 120, channels: 3, background: { r: 40 * i, g: 90, b: 160 } } }).png().toFile(path);
    else writeFileSync(path, 'From: "Munich Police" <police@m-u-n-i-c-h.example>\nPlease log in to confirm your identity.');
    await page.getByLabel('Choose files…').setInputFiles(path);
    const form = page.getByRole('form', { name: 'Collection log for the chosen files' });
    await form.getByLabel('How collected').fill('Sent by the client over Signal');
    await form.getByRole('checkbox', { name: labels[i]! }).check();
    await form.getByRole('button', { name: 'Attach file' }).click();
    await expect(page.getByRole('list', { name: 'Evidence' }).getByRole('heading', { name })).toBeVisible();
  }

  // A referral with a follow-up date.
  await openTab(page, 'Referrals');
  await page.getByRole('button', { name: 'New referral' }).click();
  await page.getByLabel('Recipient type').selectOption({ label: 'INTERPOL CCF' });
  await page.getByLabel('Organisation').fill('Commission for the Control of INTERPOL’s Files');
  await page.getByLabel('Purpose', { exact: true }).selectOption({ label: 'CCF deletion request (notice or diffusion)' });
  await page.getByLabel('Details (optional)').fill('Request deletion of the red notice');
  await page.getByLabel('Follow up on').fill(isoDay(30));
  await page.getByRole('checkbox', { name: /red notice/i }).check();
  await page.getByRole('button', { name: 'Create referral' }).click();
  await expect(page.getByRole('heading', { name: /Commission for the Control/ })).toBeVisible();

  // Consent for that recipient and purpose.
  await openTab(page, 'Consent');
  await page.getByRole('button', { name: 'Record consent' }).click();
  await page.getByLabel('Recipient type').selectOption({ label: 'INTERPOL CCF' });
  await page.getByRole('checkbox', { name: 'CCF deletion request (notice or diffusion)' }).check();
  await page.getByLabel('Details (optional)').fill('Request deletion of the red notice');
  await page.getByRole('radio', { name: 'Client may be named' }).check();
  await page.getByRole('form', { name: 'Record consent' }).getByRole('button', { name: 'Record consent' }).click();
  await expect(page.getByText('Valid', { exact: true })).toBeVisible();

  // History shows all of it, by the caseworker named in Settings.
  await openTab(page, 'History');
  const history = page.getByRole('list', { name: 'Changes, newest first' });
  await expect(history.getByText('Chen Jing 陈静').first()).toBeVisible();
  for (const what of ['added a case', 'added a client', 'added a threat', 'added a contact', 'added a piece of evidence', 'added a referral', 'added a consent']) {
    await expect(history.getByText(what).first(), what).toBeVisible();
  }
  await expect(history.getByText('added a threat')).toHaveCount(3);
  await screenshot(page, 'story-01-history');

  // A stale edit: the referral changes elsewhere while this form is open.
  await openTab(page, 'Referrals');
  await page.getByRole('button', { name: /^Edit referral to Commission/ }).click();
  const form = page.getByRole('form', { name: 'Edit referral' });
  await form.getByLabel('Their reference number').fill('CCF/2026/0042');
  const ctx = host.services.session.recordContext();
  const [referral] = (await listReferrals(ctx.db, {}, isoDay(0))).items;
  await updateReferral(ctx, { id: referral!.id, version: referral!.version, patch: { referenceNumber: 'CCF-REF-9', purposeDetail: 'Deletion of red notice and diffusion' } });
  await form.getByRole('button', { name: 'Save changes' }).click();
  const notice = page.getByRole('alert').filter({ hasText: 'Someone else changed this' });
  await expect(notice).toBeVisible();
  await expect(notice.getByRole('row', { name: /Their reference number/ })).toContainText('CCF/2026/0042');
  await expect(notice.getByRole('row', { name: /Their reference number/ })).toContainText('CCF-REF-9');
  await expect(notice.getByRole('row', { name: /Details/ })).toContainText('Deletion of red notice and diffusion');
  await screenshot(page, 'story-02-referral-conflict');
  await notice.getByRole('button', { name: 'Continue from the saved version' }).click();
  await expect(form.getByLabel('Their reference number')).toHaveValue('CCF-REF-9');
});
