import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobReader, BlobWriter, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import sharp from 'sharp';
import type { Locator, Page } from '@playwright/test';
import type { TestHost } from '../host/server';
import { expect, test } from './fixtures';
import { createVault, expectUnlocked, goTo, PASSPHRASE, unlock, vaultPathIn, call, isoDay } from './helpers';

/**
 * Sanitised referral packets through the real UI: the builder's live
 * preview with highlighted redactions, the consent gate and its override,
 * export to a folder, and the referral's "Packets sent" history.
 */

const SHOTS = '/tmp/ck-shots';
const MOTHER = 'Wang Fang';
const MOTHER_HAN = '王芳';
const MOTHER_PHONE = '+86 138 0013 8000';

async function shot(page: Page, name: string, size = { width: 1440, height: 900 }): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const before = page.viewportSize();
  await page.setViewportSize(size);
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path });
  if (before) await page.setViewportSize(before);
  return path;
}

interface Seeded {
  code: string;
  referralOrg: string;
}

/**
 * A client whose mother in China is named (in Latin and Han script, with her
 * phone) inside a threat's description, an image and a text file as evidence,
 * and a referral of that threat.
 */
async function seedCase(host: TestHost, referral: { recipientType: string; recipientOrg: string; purposeId: string; purposeDetail: string }, consent: boolean): Promise<Seeded> {
  const created = await call<{ id: string; code: string }>(host, 'cases:create', {
    client: { legalName: 'Li Mei', originalNames: ['李梅'], nationality: 'CN', residenceCountry: 'NL' },
    case: { riskLevel: 'high', summary: 'Activist in Rotterdam; her mother in Urumqi is pressured to make her return.' },
  });
  const mother = await call<{ id: string }>(host, 'contacts:create', {
    caseId: created.id,
    role: 'family_home',
    relationship: 'mother',
    contact: { name: MOTHER, originalNames: [MOTHER_HAN], phones: [MOTHER_PHONE], country: 'CN', city: 'Urumqi' },
  });
  const threat = await call<{ id: string }>(host, 'threats:create', {
    caseId: created.id,
    threat: {
      tacticId: 'threats_from_distance.coercion_by_proxy', tacticOther: '', datePrecision: 'exact', occurredFrom: isoDay(-20), occurredTo: null,
      country: 'CN', city: 'Urumqi', channel: 'via_family', targetContactId: mother.id, perpetratorIds: [], evidenceIds: [],
      description: `Two officers visited ${MOTHER} (${MOTHER_HAN}) at home and told her that her daughter must come back. They called her again on ${MOTHER_PHONE} the next day.`,
      severity: 4, verification: 'corroborated',
    },
  });
  await call(host, 'threats:create', {
    caseId: created.id,
    threat: {
      tacticId: 'threats_from_distance.online_harassment', tacticOther: '', datePrecision: 'month', occurredFrom: isoDay(-60), occurredTo: null,
      country: 'NL', city: 'Rotterdam', channel: 'social_media', targetContactId: null, perpetratorIds: [], evidenceIds: [],
      description: 'Smear posts on Weibo calling the client a traitor.', severity: 2, verification: 'unverified',
    },
  });
  const png = await sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 200, g: 60, b: 60 } } }).png().toBuffer();
  await call(host, 'evidence:add', {
    caseId: created.id,
    evidence: { fileName: 'call-log-screenshot.png', mediaType: 'image/png', collectedAt: new Date().toISOString(), collectedHow: 'Screenshot sent by the client over Signal', collectedBy: 'Caseworker', collectedFrom: 'Client’s phone', description: 'Call log showing the calls to her mother.' },
    dataBase64: png.toString('base64'),
    threatIds: [threat.id],
  });
  await call(host, 'evidence:add', {
    caseId: created.id,
    evidence: { fileName: 'wechat-export.txt', mediaType: 'text/plain', collectedAt: new Date().toISOString(), collectedHow: 'Exported from WeChat', collectedBy: 'Caseworker', collectedFrom: 'Client’s phone', description: '' },
    dataBase64: Buffer.from('2026-01-02 12:00 unknown: come home').toString('base64'),
    threatIds: [threat.id],
  });
  await call(host, 'referrals:create', { caseId: created.id, referral: { ...referral, threatIds: [threat.id] } });
  if (consent) {
    await call(host, 'consents:create', {
      caseId: created.id,
      consent: { recipientType: referral.recipientType, recipientOrg: '', purposeIds: [referral.purposeId], purposeDetail: 'As discussed with the client', scopeIdentity: 'named', scopeEvidence: true, obtainedHow: 'written', givenOn: isoDay(-2), expiresOn: null },
    });
  }
  return { code: created.code, referralOrg: referral.recipientOrg };
}

/** Seeded behind the UI's back: lock and unlock so every list is read afresh. */
async function relock(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await unlock(page, PASSPHRASE);
  await expectUnlocked(page);
}

async function setUpSettings(page: Page): Promise<void> {
  await goTo(page, 'Settings');
  const caseworker = page.getByRole('region', { name: 'Caseworker' });
  await caseworker.getByLabel('Caseworker name').fill('Mariam Haddad');
  await caseworker.getByRole('button', { name: 'Save name' }).click();
  await expect(caseworker.getByText('Name saved.')).toBeVisible();
  const organisation = page.getByRole('region', { name: 'Organisation' });
  await organisation.getByLabel('Organisation name').fill('Safe Harbour Legal Aid — 平安港');
  await organisation.getByLabel('Contact for recipients').fill('referrals@safeharbour.example · +31 10 555 0100');
  await organisation.getByRole('button', { name: 'Save organisation' }).click();
  await expect(organisation.getByText('Organisation saved.')).toBeVisible();
}

async function openReferral(page: Page, code: string, org: string): Promise<Locator> {
  await goTo(page, 'Cases');
  await page.getByRole('button', { name: code, exact: true }).click();
  await page.getByRole('tab', { name: 'Referrals', exact: true }).click();
  const referral = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: org }) });
  await expect(referral).toBeVisible();
  return referral;
}

async function openBuilder(page: Page, referral: Locator, org: string): Promise<Locator> {
  await referral.getByRole('button', { name: `Prepare a packet for ${org}` }).click();
  const dialog = page.getByRole('dialog', { name: `Prepare a packet for ${org}` });
  await expect(dialog.getByRole('region', { name: 'Preview — exactly what goes' })).toBeVisible();
  await expect(dialog.getByText('Up to date')).toBeVisible();
  return dialog;
}

async function unzipPacket(zipPath: string): Promise<Map<string, Uint8Array>> {
  const reader = new ZipReader(new BlobReader(new Blob([readFileSync(zipPath)])));
  const out = new Map<string, Uint8Array>();
  for (const entry of await reader.getEntries()) {
    if (!entry.directory) out.set(entry.filename, await entry.getData(new Uint8ArrayWriter()));
  }
  await reader.close();
  return out;
}

/** Renders referral.pdf to PNGs (50 dpi) in a temp folder, for a person to look at; returns the page paths. */
function renderPdf(pdf: Uint8Array, name: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), `ck-packet-${name}-`));
  const pdfPath = join(dir, 'referral.pdf');
  writeFileSync(pdfPath, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '50', pdfPath, join(dir, 'page')]);
  const pages = readdirSync(dir).filter((f) => f.endsWith('.png')).sort().map((f) => join(dir, f));
  console.log(`referral.pdf pages for ${name}: ${pages.join(', ')}`);
  return pages;
}

test('a lawyer opens a referral, previews, sees the highlighted redactions, exports to a temp folder, and the referral shows the packet in its history', async ({ page, host, workDir }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await createVault(page, { path: vaultPathIn(workDir), recoveryKey: false });
  const seeded = await seedCase(host, { recipientType: 'police', recipientOrg: 'Rotterdam Police — Unit Transnational Repression', purposeId: 'police.criminal_complaint', purposeDetail: 'Report coercion of the client’s family' }, true);
  await relock(page);
  await setUpSettings(page);
  await shot(page, 'packets-settings-organisation', { width: 1440, height: 900 });

  const referral = await openReferral(page, seeded.code, seeded.referralOrg);
  await expect(referral.getByText('No packet has been exported for this referral yet.')).toBeVisible();
  const dialog = await openBuilder(page, referral, seeded.referralOrg);

  // Consent covers it: the gate is green and names the consent.
  const gate = dialog.getByRole('region', { name: 'Consent' });
  await expect(gate.getByText('Consent given')).toBeVisible();
  await expect(gate.getByLabel(/Share without consent/)).toHaveCount(0);

  // The referral's threat is preselected; the other one is not.
  const choices = dialog.getByRole('form', { name: 'Packet choices' });
  await expect(choices.getByRole('checkbox', { name: /Coercion by proxy/ })).toBeChecked();
  await expect(choices.getByRole('checkbox', { name: /harassment/i })).not.toBeChecked();

  // The mother's name in the description is replaced by her role label, highlighted, in both scripts and with her phone.
  const preview = dialog.getByRole('region', { name: 'Preview — exactly what goes' });
  const timeline = preview.getByRole('table', { name: /Timeline/ });
  const motherMarks = timeline.locator('mark').filter({ hasText: /^Relative A \(mother\)$/ });
  await expect(motherMarks.first()).toBeVisible();
  // "Wang Fang (王芳)" became the label once (a label followed by itself in brackets is said once); her phone became "[phone of Relative A (mother)]".
  await expect(motherMarks).toHaveCount(1);
  expect((await timeline.textContent()) ?? '').not.toContain('Relative A (mother) (Relative A (mother))');
  await expect(timeline.locator('mark').filter({ hasText: /phone of Relative A/ })).toHaveCount(1);
  await expect(preview.getByText('yellow = replaced by a label; the original is not in the packet')).toBeVisible();
  const redactions = preview.getByRole('region', { name: 'Redactions' });
  await expect(redactions.getByRole('row', { name: /^Relative A \(mother\) ×2 Other people$/ })).toBeVisible();
  const previewText = (await preview.textContent()) ?? '';
  for (const secret of [MOTHER, MOTHER_HAN, MOTHER_PHONE, 'Wang', '王']) expect(previewText, `"${secret}" must not be in the preview`).not.toContain(secret);

  // Evidence: the image goes as a cleaned copy (preselected: it belongs to the threat); the text file only "as is".
  const png = choices.getByRole('listitem').filter({ hasText: 'call-log-screenshot.png' });
  await expect(png.getByRole('checkbox', { name: /call-log-screenshot\.png/ })).toBeChecked();
  await expect(png.getByText('Cleaned copy')).toBeVisible();
  const txt = choices.getByRole('listitem').filter({ hasText: 'wechat-export.txt' });
  await expect(txt.getByRole('checkbox', { name: /wechat-export\.txt/ })).not.toBeChecked();
  await txt.getByRole('checkbox', { name: /wechat-export\.txt/ }).check();
  const exportButton = choices.getByRole('button', { name: 'Export packet' });
  await expect(choices.getByText(/cannot be cleaned of hidden metadata/)).toBeVisible();
  await expect(exportButton).toBeDisabled();
  await shot(page, 'packets-builder-as-is-blocker');
  await txt.getByRole('checkbox', { name: 'Include as is' }).check();
  await expect(choices.getByText(/cannot be cleaned of hidden metadata/)).toHaveCount(0);
  await expect(preview.getByText('wechat-export.txt')).toBeVisible();

  // The police template asks what the recipient should do.
  await choices.getByLabel('What you ask the recipient to do').fill(`Please record the visits to the client’s mother ${MOTHER} and assess the risk.`);
  await expect(preview.locator('mark', { hasText: 'Relative A (mother)' }).first()).toBeVisible();
  await expect(dialog.getByText('Up to date')).toBeVisible();
  await expect(preview).not.toContainText(MOTHER);

  const outDir = join(workDir, 'outbox');
  mkdirSync(outDir);
  const target = join(outDir, `${seeded.code}_police.zip`);
  await choices.getByLabel('Packet file').fill(target);
  await expect(exportButton).toBeEnabled();
  await shot(page, 'packets-builder-consent');
  await shot(page, 'packets-builder-consent-tall', { width: 1440, height: 2600 });
  // Redactions stay visible in Windows high-contrast mode (forced colours).
  await page.emulateMedia({ forcedColors: 'active' });
  await shot(page, 'packets-builder-forced-colors', { width: 1440, height: 2600 });
  await page.emulateMedia({ forcedColors: 'none' });

  await exportButton.click();
  const success = dialog.getByRole('status').filter({ hasText: 'Packet exported' });
  await expect(success).toBeVisible();
  await expect(success).toContainText(target);
  await expect(success).toContainText('Packet recorded in the referral’s history.');
  await shot(page, 'packets-export-success');

  // The ZIP holds the PDF, the JSON and the evidence; the mother's name is in none of it.
  const files = await unzipPacket(target);
  expect([...files.keys()]).toEqual(expect.arrayContaining(['referral.pdf', 'referral.json', 'manifest.json']));
  const json = new TextDecoder().decode(files.get('referral.json'));
  expect(json).toContain('Relative A (mother)');
  for (const secret of [MOTHER, MOTHER_HAN, MOTHER_PHONE]) expect(json).not.toContain(secret);
  const pages = renderPdf(files.get('referral.pdf')!, 'police');
  expect(pages.length).toBeGreaterThan(0);

  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toHaveCount(0);

  // The referral shows it in "Packets sent".
  const sent = referral.getByRole('table', { name: 'Packets sent' });
  await expect(sent.getByRole('row')).toHaveCount(2);
  const row = sent.getByRole('row').nth(1);
  await expect(row).toContainText(`${seeded.code}_police.zip`);
  await expect(row).toContainText('Mariam Haddad');
  await expect(row).toContainText('With consent');
  await expect(row).toContainText('Not sealed');
  await expect(row.getByRole('cell').last()).toHaveText(/^1 threat2 evidence files\d+ redactions$/);
  await expect(row.locator('code')).toHaveAttribute('title', /^[0-9a-f]{64}$/);
  await referral.scrollIntoViewIfNeeded();
  await shot(page, 'packets-history');

  // The Referrals page offers the same, without opening the case.
  await goTo(page, 'Referrals');
  await page.getByRole('button', { name: `Packets sent to ${seeded.referralOrg}` }).click();
  const historyDialog = page.getByRole('dialog');
  await expect(historyDialog.getByRole('row')).toHaveCount(2);
  await shot(page, 'packets-referrals-page-history');
});

test('without consent export is blocked; with an override reason it is allowed and the override shows in the history', async ({ page, host, workDir }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await createVault(page, { path: vaultPathIn(workDir), recoveryKey: false });
  const org = 'Commission for the Control of INTERPOL’s Files';
  const seeded = await seedCase(host, { recipientType: 'interpol_ccf', recipientOrg: org, purposeId: 'interpol_ccf.deletion', purposeDetail: 'Request deletion of the diffusion' }, false);
  await relock(page);
  await setUpSettings(page);

  const referral = await openReferral(page, seeded.code, org);
  const dialog = await openBuilder(page, referral, org);
  const choices = dialog.getByRole('form', { name: 'Packet choices' });
  const exportButton = choices.getByRole('button', { name: 'Export packet' });
  const gate = dialog.getByRole('region', { name: 'Consent' });

  // Blocked: the gate is red with the service's explanation, and the export is off.
  await expect(gate.getByText('No consent covers this packet')).toBeVisible();
  await expect(gate.getByText(/has not consented to sharing with the INTERPOL CCF/)).toBeVisible();
  await expect(choices.getByText(/Consent: record the client’s consent/)).toBeVisible();
  await expect(exportButton).toBeDisabled();
  await choices.getByRole('radio', { name: 'Deletion of data' }).check();
  await choices.getByLabel('Representation').fill('Me. A. Dupont, Paris bar — المحامية أ. دوبون, power of attorney attached');
  await choices.getByRole('checkbox', { name: /political character/ }).check();
  const target = join(workDir, `${seeded.code}_ccf.zip`);
  await choices.getByLabel('Packet file').fill(target);
  await expect(dialog.getByText('Up to date')).toBeVisible();
  await expect(exportButton).toBeDisabled();
  await exportButton.scrollIntoViewIfNeeded();
  await shot(page, 'packets-builder-blocked-export');
  await gate.scrollIntoViewIfNeeded();
  await shot(page, 'packets-builder-blocked');

  // The service refuses too, with the reason to act on (never only the disabled button).
  // (Through the host's stand-in save dialog: the export channel takes its one-time token, never a path.)
  const { token: saveToken } = await call<{ token: string }>(host, 'dialog:chooseSaveFile', { suggestedName: join(workDir, 'x.zip'), purpose: 'packet-zip' });
  const refused = await host.services.dispatch('packets:export', { request: { referralId: (await call<{ items: { id: string }[] }>(host, 'referrals:list', {})).items[0]!.id, threatIds: [], evidenceIds: [] }, saveToken, sealPassphrase: null });
  expect(refused.ok ? null : refused.error.code).toBe('CONSENT_REQUIRED');

  // A written reason turns the gate amber and lets it go.
  const reason = 'The red notice hearing is in five days; the client is in hospital and cannot sign.';
  await gate.getByLabel('Share without consent — reason (printed in the packet and kept in history)').fill(reason);
  await expect(gate.getByText('Sharing without consent')).toBeVisible();
  await expect(dialog.getByText('Up to date')).toBeVisible();
  await expect(dialog.getByRole('region', { name: 'Preview — exactly what goes' }).getByText(reason)).toBeVisible();

  // Sealing, with a passphrase too short first.
  await choices.getByRole('checkbox', { name: 'Seal the packet with a passphrase' }).check();
  await choices.getByLabel('Sealing passphrase', { exact: true }).fill('short');
  await expect(choices.getByText('Use at least 12 characters for the sealing passphrase.').first()).toBeVisible();
  await choices.getByLabel('Sealing passphrase', { exact: true }).fill('lantern orbit meadow 42');
  await choices.getByLabel('Confirm the sealing passphrase', { exact: true }).fill('lantern orbit meadow 42');
  await expect(choices.getByText(/7-Zip/)).toBeVisible();
  const sealButton = choices.getByRole('button', { name: 'Seal and export packet' });
  await expect(sealButton).toBeEnabled();
  await shot(page, 'packets-builder-override-seal');
  await gate.scrollIntoViewIfNeeded();
  await shot(page, 'packets-builder-override');
  await sealButton.click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Packet exported' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();

  const row = referral.getByRole('table', { name: 'Packets sent' }).getByRole('row').nth(1);
  await expect(row).toContainText('Without consent');
  await expect(row).toContainText(reason);
  await expect(row).toContainText('Sealed');
  await referral.scrollIntoViewIfNeeded();
  await shot(page, 'packets-history-override');

  // The sealed ZIP opens with the passphrase (as 7-Zip would) and holds the inner packet.
  const sealed = new ZipReader(new BlobReader(new Blob([readFileSync(target)])), { password: 'lantern orbit meadow 42' });
  const [inner] = await sealed.getEntries();
  if (!inner || inner.directory) throw new Error('the sealed packet holds no file');
  expect(inner.filename).toMatch(/\.zip$/);
  const innerBlob = await inner.getData(new BlobWriter());
  await sealed.close();
  const innerPath = join(workDir, 'inner.zip');
  writeFileSync(innerPath, Buffer.from(await innerBlob.arrayBuffer()));
  const files = await unzipPacket(innerPath);
  const json = new TextDecoder().decode(files.get('referral.json'));
  expect(json).toContain(reason);
  renderPdf(files.get('referral.pdf')!, 'ccf-override');
});

test('settings: the organisation and the disclosure profiles (edit, clone, reset, delete)', async ({ page, workDir }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await createVault(page, { path: vaultPathIn(workDir), recoveryKey: false });
  await goTo(page, 'Settings');
  const profiles = page.getByRole('region', { name: 'Disclosure profiles' });
  const police = profiles.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Police or national TNR unit/ }) });
  await expect(police.getByText('Shipped', { exact: true })).toBeVisible();
  await profiles.scrollIntoViewIfNeeded();
  await shot(page, 'packets-settings-profiles');

  // Edit: drop cities; the "Cities shown" choice falls back to the country.
  await police.getByRole('button', { name: 'Edit Police or national TNR unit' }).click();
  const editor = police.getByRole('form', { name: 'Edit the profile Police or national TNR unit' });
  await expect(editor.getByRole('checkbox', { name: /Internal/ })).toHaveCount(0);
  await expect(editor.getByRole('radio', { name: 'Cities shown' })).toBeChecked();
  await editor.getByRole('checkbox', { name: 'Addresses and cities' }).uncheck();
  await expect(editor.getByRole('radio', { name: 'Places generalised to the country' })).toBeChecked();
  await editor.scrollIntoViewIfNeeded();
  await shot(page, 'packets-settings-profile-editor', { width: 1440, height: 1800 });
  await editor.getByRole('button', { name: 'Save profile' }).click();
  await expect(police.getByText('Edited in this vault')).toBeVisible();

  // Reset to shipped, after confirming.
  await police.getByRole('button', { name: 'Reset Police or national TNR unit to the shipped version' }).click();
  await page.getByRole('dialog', { name: 'Reset this profile to the shipped version?' }).getByRole('button', { name: 'Reset profile' }).click();
  await expect(police.getByText('Shipped', { exact: true })).toBeVisible();

  // Clone with an id and a name in two scripts, then delete it.
  await police.getByRole('button', { name: 'Clone Police or national TNR unit' }).click();
  const clone = page.getByRole('dialog', { name: /^Clone/ });
  await clone.getByLabel('Name').fill('Police — 警方 — شرطة (minimal, long name to test wrapping in the list)');
  await clone.getByLabel('Id').fill('police_minimal');
  await clone.getByRole('button', { name: 'Clone profile' }).click();
  const custom = profiles.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /police_minimal/ }) });
  await expect(custom.getByText('Custom', { exact: true })).toBeVisible();
  await custom.getByRole('button', { name: 'Cancel' }).click();
  await custom.scrollIntoViewIfNeeded();
  await shot(page, 'packets-settings-custom-profile');
  await custom.getByRole('button', { name: /^Delete/ }).click();
  await page.getByRole('dialog', { name: 'Delete this profile?' }).getByRole('button', { name: 'Delete profile' }).click();
  await expect(custom).toHaveCount(0);
});
