import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import type { Page } from '@playwright/test';
import type { TestHost } from '../host/server';
import { expect, test } from './fixtures';
import { createVault, expectUnlocked, goTo, PASSPHRASE, screenshot, unlock, vaultPathIn, call, isoDay } from './helpers';

/**
 * The case record sections, driven as a caseworker would: evidence (picker,
 * drag-and-drop, viewer, hostile SVG, size limit), referrals, consent, notes,
 * tasks and the History that shows it all.
 */

const CASEWORKER = 'Mariam Haddad';

async function setCaseworkerName(page: Page, name: string): Promise<void> {
  await goTo(page, 'Settings');
  const card = page.getByRole('region', { name: 'Caseworker' });
  await card.getByLabel('Caseworker name').fill(name);
  await card.getByRole('button', { name: 'Save name' }).click();
  await expect(card.getByText('Name saved.')).toBeVisible();
}

interface Seeded {
  caseId: string;
  code: string;
  threatIds: string[];
}

/** A case for Abdurehim Tursun (Latin and Uyghur script) with two threats, plus a second case with an overdue referral. */
async function seedCases(host: TestHost): Promise<Seeded> {
  const created = await call<{ id: string; code: string }>(host, 'cases:create', {
    client: { legalName: 'Abdurehim Tursun', originalNames: ['ئابدۇرېھىم تۇرسۇن'], nationality: 'CN', residenceCountry: 'NL' },
    case: { riskLevel: 'high', summary: 'Family in Ghulja questioned twice; client contacted by an "overseas police station".' },
  });
  const t1 = await call<{ id: string }>(host, 'threats:create', {
    caseId: created.id,
    threat: {
      tacticId: 'threats_from_distance.coercion_by_proxy', tacticOther: '', datePrecision: 'exact', occurredFrom: isoDay(-40), occurredTo: null,
      country: 'CN', city: 'Ghulja', channel: 'via_family', targetContactId: null, perpetratorIds: [], evidenceIds: [],
      description: 'Brother questioned by police about the client’s activism.', severity: 4, verification: 'corroborated',
    },
  });
  const t2 = await call<{ id: string }>(host, 'threats:create', {
    caseId: created.id,
    threat: {
      tacticId: 'threats_from_distance.overseas_police_station', tacticOther: '', datePrecision: 'exact', occurredFrom: isoDay(-12), occurredTo: null,
      country: 'NL', city: 'Amsterdam', channel: 'messaging', targetContactId: null, perpetratorIds: [], evidenceIds: [],
      description: 'WeChat message from 王警官 asking the client to “come and talk”.', severity: 3, verification: 'unverified',
    },
  });
  const other = await call<{ id: string }>(host, 'cases:create', { client: { legalName: 'Li Wei', originalNames: ['李伟'] } });
  await call(host, 'referrals:create', {
    caseId: other.id,
    referral: { recipientType: 'interpol_ccf', recipientOrg: 'Commission for the Control of INTERPOL’s Files', purposeId: 'interpol_ccf.deletion', purposeDetail: 'Request deletion of red notice', status: 'sent', sentOn: isoDay(-60), followUpOn: isoDay(-3), referenceNumber: 'CCF/2026/1187' },
  });
  return { caseId: created.id, code: created.code, threatIds: [t1.id, t2.id] };
}

/** Seeded behind the UI's back: lock and unlock so every list is read afresh. */
async function relock(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await unlock(page, PASSPHRASE);
  await expectUnlocked(page);
}

async function openCaseTab(page: Page, code: string, tab: string): Promise<void> {
  await goTo(page, 'Cases');
  await page.getByRole('button', { name: code, exact: true }).click();
  await selectTab(page, tab);
}

async function selectTab(page: Page, tab: string): Promise<void> {
  await page.getByRole('tab', { name: tab, exact: true }).click();
  await expect(page.getByRole('tab', { name: tab, exact: true })).toHaveAttribute('aria-selected', 'true');
}

async function makeJpeg(path: string): Promise<void> {
  const width = 640;
  const height = 400;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 3;
      pixels[i] = Math.round((x / width) * 200) + 30;
      pixels[i + 1] = Math.round((y / height) * 120) + 60;
      pixels[i + 2] = 170;
    }
  }
  await sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 }).toFile(path);
}

async function makePdf(path: string): Promise<void> {
  await new Promise<void>((done, fail) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => {
      writeFileSync(path, Buffer.concat(chunks));
      done();
    });
    doc.on('error', fail);
    doc.fontSize(22).text('Summons to the Public Security Bureau', { align: 'center' });
    doc.moveDown().fontSize(12).text('Fictional test document. The relative named in this letter is asked to persuade the client to return.');
    doc.rect(72, 220, 450, 120).fill('#d9534f');
    doc.addPage().fontSize(16).fillColor('black').text('Page two: stamp and signature');
    doc.end();
  });
}

/** Drops files on the drop zone with a DataTransfer made in the page, as a real drag would. */
async function dropFiles(page: Page, files: { name: string; type: string; base64?: string; size?: number }[]): Promise<void> {
  await page.getByRole('group', { name: 'Drop files here to attach them' }).evaluate((zone, list) => {
    // This runs in the page; the Node test's type library has no DOM.
    const dom = globalThis as unknown as {
      DataTransfer: new () => { items: { add(file: File): void } };
      DragEvent: new (type: string, init: { dataTransfer: unknown; bubbles: boolean; cancelable: boolean }) => Event;
    };
    const transfer = new dom.DataTransfer();
    for (const f of list) {
      const bytes = f.base64 !== undefined ? Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0)) : new Uint8Array(f.size ?? 0);
      transfer.items.add(new File([bytes], f.name, { type: f.type }));
    }
    zone.dispatchEvent(new dom.DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new dom.DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, files);
}

test('evidence: picker and drag-and-drop intake, viewer for image and PDF, hostile SVG never rendered, size limit', async ({ page, host, workDir }) => {
  test.setTimeout(120_000);
  await createVault(page, { path: vaultPathIn(workDir), recoveryKey: false });
  await setCaseworkerName(page, CASEWORKER);
  const seeded = await seedCases(host);
  await relock(page);

  const jpeg = join(workDir, '微信截图-agent-message.jpg');
  const pdf = join(workDir, 'summons-PSB.pdf');
  await makeJpeg(jpeg);
  await makePdf(pdf);

  await openCaseTab(page, seeded.code, 'Evidence');
  await expect(page.getByText('No evidence yet')).toBeVisible();

  // Picker: two files, one collection log.
  await page.getByLabel('Choose files…').setInputFiles([jpeg, pdf]);
  const form = page.getByRole('form', { name: 'Collection log for the chosen files' });
  await expect(form.getByText('2 files chosen')).toBeVisible();
  await expect(form.getByLabel('Collected by')).toHaveValue(CASEWORKER);
  await form.getByLabel('How collected').fill('Screenshot and scan handed over by the client at intake');
  await form.getByLabel('Source').fill('Client’s phone (WeChat) and paper letter');
  await form.getByLabel('Description').fill('Message from 王警官 and the summons sent to the brother.');
  await form.getByRole('checkbox', { name: /Overseas police station/i }).check();
  await screenshot(page, 'records-01-evidence-intake');
  await form.getByRole('button', { name: 'Attach 2 files' }).click();
  await expect(page.getByText('2 files attached.')).toBeVisible();

  const list = page.getByRole('list', { name: 'Evidence' });
  await expect(list.getByRole('heading', { name: '微信截图-agent-message.jpg' })).toBeVisible();
  await expect(list.getByRole('heading', { name: 'summons-PSB.pdf' })).toBeVisible();
  await expect(list.getByText('image/jpeg')).toBeVisible();
  await expect(list.getByText(/^[0-9a-f]{64}$/)).toHaveCount(2);

  // Drag-and-drop: a hostile SVG whose script would set a global if it ever ran.
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1"><script>window.__pwned = 2;</script><text x="0" y="15">hi</text></svg>';
  await dropFiles(page, [{ name: '<img src=x onerror=alert(1)>.svg', type: 'image/svg+xml', base64: Buffer.from(svg).toString('base64') }]);
  await expect(form.getByText('1 file chosen')).toBeVisible();
  await form.getByRole('button', { name: 'Attach file' }).click();
  await expect(page.getByText('Evidence attached.')).toBeVisible();
  // The hostile name is text, not markup.
  await expect(list.getByRole('heading', { name: '<img src=x onerror=alert(1)>.svg' })).toBeVisible();

  // Over the limit: refused before reading, with the size and the limit.
  await dropFiles(page, [{ name: 'phone-dump.zip', type: 'application/zip', size: 65 * 1024 * 1024 }]);
  const refused = page.getByRole('alert').filter({ hasText: 'Not attached: too large' });
  await expect(refused).toContainText('phone-dump.zip');
  await expect(refused).toContainText('65 MiB; the limit is 64 MiB per file');
  await expect(page.getByRole('form', { name: 'Collection log for the chosen files' })).toHaveCount(0);
  await screenshot(page, 'records-02-evidence-list');

  // Viewer: the image, decrypted in memory.
  await list.getByRole('button', { name: 'View 微信截图-agent-message.jpg' }).click();
  let viewer = page.getByRole('dialog', { name: '微信截图-agent-message.jpg' });
  const image = viewer.getByRole('img', { name: 'Image evidence: 微信截图-agent-message.jpg' });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(640);
  expect(await image.getAttribute('src')).toMatch(/^blob:/);
  await page.screenshot({ path: '/tmp/ck-shots/records-03-viewer-image.png' });
  await viewer.getByRole('button', { name: 'Close' }).click();
  await expect(viewer).toHaveCount(0);

  // Viewer: the PDF, page by page on canvases.
  await list.getByRole('button', { name: 'View summons-PSB.pdf' }).click();
  viewer = page.getByRole('dialog', { name: 'summons-PSB.pdf' });
  await expect(viewer.getByText('2 pages')).toBeVisible();
  await expect(viewer.locator('canvas[data-rendered]')).toHaveCount(2);
  await expect(viewer.getByRole('img', { name: 'Page 1 of 2' })).toBeVisible();
  await page.screenshot({ path: '/tmp/ck-shots/records-04-viewer-pdf.png' });
  await page.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);

  // Viewer: the SVG is not rendered; its text is shown as text; the script never ran.
  await list.getByRole('button', { name: 'View <img src=x onerror=alert(1)>.svg' }).click();
  viewer = page.getByRole('dialog', { name: '<img src=x onerror=alert(1)>.svg' });
  await expect(viewer.getByText('Preview not available for this type')).toBeVisible();
  await expect(viewer.getByLabel('File content as plain text')).toContainText('<script>window.__pwned = 2;</script>');
  await expect(viewer.locator('img, svg, iframe, object, embed')).toHaveCount(0);
  expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await page.screenshot({ path: '/tmp/ck-shots/records-05-viewer-svg.png' });
  await viewer.getByRole('button', { name: 'Close' }).click();

  // Edit the description, then delete the SVG with a confirmation.
  await list.getByRole('button', { name: 'Edit summons-PSB.pdf' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit evidence' });
  await edit.getByLabel('Description').fill('Summons to the brother, received by post.');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toHaveCount(0);
  await expect(list.getByText('Summons to the brother, received by post.')).toBeVisible();

  await list.getByRole('button', { name: 'Delete <img src=x onerror=alert(1)>.svg' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete this evidence?' });
  await expect(confirm.getByText(/removed from the vault and cannot be recovered/)).toBeVisible();
  await confirm.getByRole('button', { name: 'Delete from the vault' }).click();
  await expect(list.getByRole('heading', { name: '<img src=x onerror=alert(1)>.svg' })).toHaveCount(0);
  expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('referral, consent, note and task on a case, all of it readable in History', async ({ page, host, workDir }) => {
  test.setTimeout(120_000);
  await createVault(page, { path: vaultPathIn(workDir), recoveryKey: false });
  await setCaseworkerName(page, CASEWORKER);
  const seeded = await seedCases(host);
  await relock(page);

  // Referral: created with a follow-up date, then draft → ready → sent.
  await openCaseTab(page, seeded.code, 'Referrals');
  await page.getByRole('button', { name: 'New referral' }).click();
  const referralForm = page.getByRole('form', { name: 'New referral' });
  await referralForm.getByLabel('Recipient type').selectOption({ label: 'National TNR unit' });
  await referralForm.getByLabel('Organisation').fill('Dutch National Police — TNR desk');
  await referralForm.getByLabel('Purpose', { exact: true }).selectOption({ label: 'Threat assessment / protection request' });
  await referralForm.getByLabel('Details (optional)').fill('Report coercion by proxy and the WeChat contact; ask for a threat assessment.');
  await referralForm.getByLabel('Follow up on').fill(isoDay(14));
  await referralForm.getByRole('checkbox', { name: /Coercion by proxy/i }).check();
  await referralForm.getByRole('button', { name: 'Create referral' }).click();
  await expect(referralForm).toHaveCount(0);

  const referral = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Dutch National Police/ }) });
  await expect(referral.getByText('Draft', { exact: true })).toBeVisible();
  // Only the allowed next statuses are offered.
  const moveTo = referral.getByLabel('Move to');
  await expect(moveTo.locator('option')).toHaveText(['Choose the next status…', 'Ready', 'Closed']);
  await moveTo.selectOption({ label: 'Ready' });
  await referral.getByRole('button', { name: 'Change status' }).click();
  await expect(referral.getByText('Ready', { exact: true })).toBeVisible();
  await referral.getByLabel('Move to').selectOption({ label: 'Sent' });
  await referral.getByRole('button', { name: 'Change status' }).click();
  await expect(referral.getByText('Sent', { exact: true })).toBeVisible();
  await expect(referral.getByLabel('Move to').locator('option')).toHaveText(['Choose the next status…', 'Acknowledged', 'In progress', 'Closed']);
  await screenshot(page, 'records-06-case-referrals');

  // Consent: recorded, then withdrawn (never deleted).
  await selectTab(page, 'Consent');
  await page.getByRole('button', { name: 'Record consent' }).click();
  const consentForm = page.getByRole('form', { name: 'Record consent' });
  await consentForm.getByLabel('Recipient type').selectOption({ label: 'National TNR unit' });
  await consentForm.getByLabel('Organisation').fill('Dutch National Police — TNR desk');
  await consentForm.getByRole('checkbox', { name: 'Threat assessment / protection request' }).check();
  await consentForm.getByLabel('Details (optional)').fill('Threat assessment and protective measures');
  await consentForm.getByRole('checkbox', { name: 'Evidence may be shared' }).check();
  await consentForm.getByRole('button', { name: 'Record consent' }).click();
  await expect(consentForm).toHaveCount(0);
  await page.getByRole('button', { name: 'Record consent' }).click();
  await consentForm.getByLabel('Recipient type').selectOption({ label: 'UNHCR' });
  await consentForm.getByRole('checkbox', { name: 'Resettlement referral' }).check();
  await consentForm.getByLabel('Details (optional)').fill('Resettlement referral (identity pseudonymised)');
  await consentForm.getByLabel('How obtained').selectOption({ label: 'Verbal' });
  await consentForm.getByRole('button', { name: 'Record consent' }).click();
  await expect(consentForm).toHaveCount(0);
  const consents = page.getByRole('list', { name: 'Consent' });
  await expect(consents.getByText('Valid', { exact: true })).toHaveCount(2);
  await consents.getByRole('button', { name: 'Withdraw consent for UNHCR' }).click();
  const withdraw = page.getByRole('dialog', { name: 'Withdraw consent?' });
  await withdraw.getByLabel('Note').fill('Client called: 不想让家人知道 — does not want UNHCR contacted for now.');
  await withdraw.getByRole('button', { name: 'Record withdrawal' }).click();
  await expect(withdraw).toHaveCount(0);
  await expect(consents.getByText('Withdrawn', { exact: true })).toBeVisible();
  await expect(consents.getByRole('button', { name: 'Withdraw consent for UNHCR' })).toHaveCount(0);
  await screenshot(page, 'records-07-consent');

  // Note: internal, text kept as typed (line breaks, any script, markup as text).
  await selectTab(page, 'Notes');
  await expect(page.getByText('Internal — never included in referral packets')).toBeVisible();
  await page.getByRole('form', { name: 'New note' }).getByRole('textbox', { name: 'Note' }).fill('Call with client, 14:00.\nسىڭلىسى بىلەن ئالاقە ئۈزۈلدى — contact with sister lost.\n<b>not bold</b>');
  await page.getByRole('button', { name: 'Add note' }).click();
  const notes = page.getByRole('list', { name: 'Case notes' });
  await expect(notes.getByText('<b>not bold</b>', { exact: false })).toBeVisible();
  await expect(notes.locator('b')).toHaveCount(0);
  await expect(notes.getByText(CASEWORKER)).toBeVisible();
  await screenshot(page, 'records-08-notes');

  // Task: added, then completed.
  await selectTab(page, 'Tasks');
  await page.getByRole('button', { name: 'New task' }).click();
  const taskForm = page.getByRole('form', { name: 'New task' });
  await taskForm.getByLabel('Task').fill('Chase the TNR desk for the threat assessment');
  await taskForm.getByLabel('Due on').fill(isoDay(-1));
  await taskForm.getByLabel('Linked referral').selectOption({ label: 'Dutch National Police — TNR desk (National TNR unit)' });
  await taskForm.getByRole('button', { name: 'Add task' }).click();
  await expect(page.getByRole('list', { name: 'Tasks' }).getByText(/Overdue/)).toBeVisible();
  await page.getByRole('button', { name: 'New task' }).click();
  await taskForm.getByLabel('Task').fill('Check-in call with Abdurehim');
  await taskForm.getByLabel('Due on').fill(isoDay(5));
  await taskForm.getByRole('button', { name: 'Add task' }).click();
  await page.getByRole('checkbox', { name: 'Done: Chase the TNR desk for the threat assessment' }).check();
  await expect(page.getByRole('checkbox', { name: 'Done: Chase the TNR desk for the threat assessment' })).toBeChecked();
  await expect(page.getByText(/^Done /)).toBeVisible();
  await screenshot(page, 'records-09-tasks');

  // History: who changed what when.
  await selectTab(page, 'History');
  const history = page.getByRole('list', { name: 'Changes, newest first' });
  await expect(history.getByText(CASEWORKER).first()).toBeVisible();
  await expect(history.getByText('completed a task')).toBeVisible();
  await expect(history.getByText('recorded a withdrawal of consent')).toBeVisible();
  await expect(history.getByText('added a note')).toBeVisible();
  await expect(history.getByText('added a referral')).toBeVisible();
  await expect(history.getByRole('listitem').filter({ hasText: 'changed the referral' }).filter({ hasText: 'Status from Ready to Sent' })).toBeVisible();
  await page.getByRole('button', { name: 'Verify history integrity' }).click();
  await expect(page.getByText('History intact')).toBeVisible();
  await screenshot(page, 'records-10-history');

  // Referrals page: every case, overdue first; the case code opens the case.
  await goTo(page, 'Referrals');
  const rows = page.getByRole('row');
  await expect(rows.nth(1)).toContainText('Commission for the Control of INTERPOL’s Files');
  await expect(rows.nth(1)).toContainText('Follow-up overdue');
  await expect(rows.nth(2)).toContainText('Dutch National Police — TNR desk');
  await screenshot(page, 'records-11-referrals-page');
  await page.getByLabel('Status').selectOption({ label: 'Sent' });
  await expect(page.getByText('2 referrals')).toBeVisible();
  await page.getByRole('button', { name: `Open case ${seeded.code}` }).click();
  await expect(page.getByRole('tab', { name: 'Overview' })).toBeVisible();
});
