import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Locator, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { changedFiles, fileStates, makeFieldCanaries, scanFiles, type Leak } from '../support/canary-scan';
import { expect, test } from './fixtures';
import { createVault, expectUnlocked, expectUnlockScreen, goTo, isoDay, PASSPHRASE, unlock, vaultPathIn } from './helpers';

/**
 * A laptop can be seized once the vault is locked. After a whole session
 * through the UI with unique canaries (Latin with diacritics, Chinese,
 * Arabic) in every field, a lock, and the browser closed, no canary may be
 * anywhere on disk, in any encoding (tests/support/canary-scan.ts): not in
 * the vault folder, not in the test host's config folder, not in the
 * Chromium profile this test drove, not in any file created or changed in
 * the OS temp folder (or Chromium's folders in the home directory) during
 * the test.
 *
 * The browser runs with a persistent profile in a temp folder so that what
 * Chromium itself would keep on disk (caches, storage, autofill, history,
 * crash reports) is scanned too; the fixture's context is in-memory only.
 */

const FIELDS = [
  'worker', 'legal', 'orig', 'alias', 'nation', 'resid', 'lang', 'methods', 'times', 'ethnic', 'relig', 'politic', 'assign', 'summary', 'riskwhy',
  'crel', 'cname', 'corig', 'calias', 'ccountry', 'ccity', 'phone', 'email', 'handle', 'caddr', 'cnotes',
  'tactic', 'tcountry', 'tcity', 'tdesc', 'kdesc', 'risknote',
  'evname', 'evtext', 'svgname', 'svgtext', 'evhow', 'evsrc', 'evdesc',
  'rorg', 'rref', 'rpurpose', 'corg', 'cpurpose', 'cwithdraw', 'note', 'task', 'tassign',
  'qsearch', 'qcases', 'qcontacts', 'orgname', 'orgcontact', 'pktreason',
] as const;

async function openTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tablist', { name: 'Case sections' }).getByRole('tab', { name, exact: true });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

async function fillList(scope: Locator, label: string, value: string): Promise<void> {
  await scope.getByRole('textbox', { name: label, exact: true }).fill(value);
}

/** Drops in-memory files on the evidence drop zone (so no canary file is ever written by the test itself). */
async function dropFiles(page: Page, files: { name: string; type: string; content: string }[]): Promise<void> {
  const encoded = files.map((f) => ({ name: f.name, type: f.type, base64: Buffer.from(f.content, 'utf8').toString('base64') }));
  await page.getByRole('group', { name: 'Drop files here to attach them' }).evaluate((zone, list) => {
    const dom = globalThis as unknown as {
      DataTransfer: new () => { items: { add(file: File): void } };
      DragEvent: new (type: string, init: { dataTransfer: unknown; bubbles: boolean; cancelable: boolean }) => Event;
    };
    const transfer = new dom.DataTransfer();
    for (const f of list) transfer.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    zone.dispatchEvent(new dom.DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new dom.DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, encoded);
}

function describeLeaks(leaks: Leak[]): string {
  return leaks.map((leak) => `${leak.file}: ${leak.found.join(', ')}`).join('\n');
}

test('after a full session with canaries in every field, a lock and the browser closed, no canary is on disk in any encoding', async ({ host, workDir }) => {
  test.setTimeout(300_000);
  const canaries = makeFieldCanaries(FIELDS);
  const v = canaries.values as Record<(typeof FIELDS)[number], string>;
  const vaultFolder = vaultPathIn(workDir);
  const configDir = join(workDir, 'config');
  const profile = mkdtempSync(join(tmpdir(), 'ck-e2e-chromium-profile-'));
  const homeRoots = ['.config/chromium', '.cache/chromium', '.cache/fontconfig', '.pki', '.local/share'].map((dir) => join(homedir(), dir));
  const before = fileStates([tmpdir(), ...homeRoots], [profile]);

  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1366, height: 1000 },
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      // The fixture's guards, for this page: no request off the host, no page error, no CSP violation.
      const offOrigin: string[] = [];
      const problems: string[] = [];
      page.on('request', (request) => {
        const url = request.url();
        if (!url.startsWith('blob:') && !url.startsWith('data:') && new URL(url).origin !== host.origin) offOrigin.push(url);
      });
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text())) problems.push(message.text());
      });
      await page.goto(host.url);

      // ---- the session, as a caseworker would live it --------------------------------
      await createVault(page, { path: vaultFolder, recoveryKey: false });
      await goTo(page, 'Settings');
      const caseworker = page.getByRole('region', { name: 'Caseworker' });
      await caseworker.getByLabel('Caseworker name').fill(v.worker);
      await caseworker.getByRole('button', { name: 'Save name' }).click();
      await expect(caseworker.getByText('Name saved.')).toBeVisible();
      const organisation = page.getByRole('form', { name: 'Organisation' });
      if ((await organisation.count()) > 0) {
        await organisation.getByLabel('Organisation name').fill(v.orgname);
        await organisation.getByLabel('Contact for recipients').fill(v.orgcontact);
        await organisation.getByRole('button', { name: 'Save organisation' }).click();
        await expect(organisation.getByText('Organisation saved. New packets will show it.')).toBeVisible();
      }

      await goTo(page, 'Cases');
      await page.getByRole('button', { name: 'New case' }).click();
      const intake = page.getByRole('form', { name: 'New case' });
      await intake.getByLabel('Legal name').fill(v.legal);
      await fillList(intake, 'Names in original script', v.orig);
      await fillList(intake, 'Aliases and transliterations', v.alias);
      await intake.getByLabel('Nationality').fill(v.nation);
      await intake.getByLabel('Country of residence').fill(v.resid);
      await fillList(intake, 'Languages', v.lang);
      await intake.getByLabel('Safe contact methods').fill(v.methods);
      await intake.getByLabel('Safe contact times').fill(v.times);
      await intake.getByLabel('Ethnicity').fill(v.ethnic);
      await intake.getByLabel('Religion').fill(v.relig);
      await intake.getByLabel('Political activity').fill(v.politic);
      await intake.getByLabel('Assigned caseworker').fill(v.assign);
      await intake.getByLabel('Risk level').selectOption('medium');
      await intake.getByLabel('Summary').fill(`${v.summary}\n${'Context of the case. '.repeat(400)}`);
      await intake.getByRole('button', { name: 'Create case' }).click();
      await expect(page.getByRole('heading', { level: 1, name: v.legal })).toBeVisible();

      const caseForm = page.getByRole('form', { name: 'Case details' });
      await caseForm.getByLabel('Risk level').selectOption('high');
      await caseForm.getByLabel('Reason for the risk change').fill(v.riskwhy);
      await caseForm.getByRole('button', { name: 'Save case details' }).click();
      await expect(page.getByText(v.riskwhy).first()).toBeVisible();

      await openTab(page, 'Contacts');
      await page.getByRole('button', { name: 'Add a contact' }).click();
      const contactForm = page.getByRole('form', { name: 'Add a contact' });
      await contactForm.getByLabel('Role').selectOption('perpetrator');
      await contactForm.getByLabel('Relationship').fill(v.crel);
      await contactForm.getByLabel('Name', { exact: true }).fill(v.cname);
      await fillList(contactForm, 'Names in original script', v.corig);
      await fillList(contactForm, 'Aliases and transliterations', v.calias);
      await contactForm.getByLabel('Country').fill(v.ccountry);
      await contactForm.getByLabel('City').fill(v.ccity);
      await fillList(contactForm, 'Phones', v.phone);
      await fillList(contactForm, 'E-mails', v.email);
      await fillList(contactForm, 'Messaging handles', v.handle);
      await contactForm.getByLabel('Address').fill(v.caddr);
      await contactForm.getByLabel('Notes').fill(v.cnotes);
      await contactForm.getByRole('button', { name: 'Add contact' }).click();
      await expect(contactForm).toHaveCount(0);

      await openTab(page, 'Threats');
      await page.getByRole('button', { name: 'Record a threat' }).click();
      let threatForm = page.getByRole('form', { name: 'Record a threat' });
      await threatForm.getByLabel('Tactic').selectOption('other.other');
      await threatForm.getByLabel('Describe the tactic').fill(v.tactic);
      await threatForm.getByLabel('Date', { exact: true }).fill(isoDay(-4));
      await threatForm.getByLabel('Country').fill(v.tcountry);
      await threatForm.getByLabel('City').fill(v.tcity);
      await threatForm.getByRole('checkbox').first().check();
      await threatForm.getByLabel('Description').fill(v.tdesc);
      await threatForm.getByRole('button', { name: 'Record threat' }).click();
      await expect(threatForm).toHaveCount(0);
      await page.getByRole('button', { name: 'Record a threat' }).click();
      threatForm = page.getByRole('form', { name: 'Record a threat' });
      await threatForm.getByLabel('Tactic').selectOption('direct_attack.kidnapping_rendition');
      await threatForm.getByLabel('Date', { exact: true }).fill(isoDay(-2));
      await threatForm.getByLabel('Description').fill(v.kdesc);
      await threatForm.getByRole('button', { name: 'Record threat' }).click();
      await expect(page.getByRole('list', { name: 'Threat timeline' }).getByRole('article')).toHaveCount(2);
      await page.getByRole('button', { name: 'Dismiss', exact: true }).first().click();
      const decision = page.getByRole('dialog', { name: 'Dismiss this suggestion?' });
      await decision.getByLabel('Note (optional)').fill(v.risknote);
      await decision.getByRole('button', { name: 'Dismiss suggestion' }).click();
      await expect(decision).toHaveCount(0);

      await openTab(page, 'Evidence');
      const files = [
        { name: `${v.evname.replace(/ /g, '_')}.txt`, type: 'text/plain', content: `${v.evtext}\n${'Message log line. '.repeat(2000)}` },
        { name: `${v.svgname.replace(/ /g, '_')}.svg`, type: 'image/svg+xml', content: `<svg xmlns="http://www.w3.org/2000/svg"><text x="0" y="15">${v.svgtext}</text></svg>` },
      ];
      await dropFiles(page, files);
      const log = page.getByRole('form', { name: 'Collection log for the chosen files' });
      await log.getByLabel('How collected').fill(v.evhow);
      await log.getByLabel('Source').fill(v.evsrc);
      await log.getByLabel('Description').fill(v.evdesc);
      await log.getByRole('checkbox').first().check();
      await log.getByRole('button', { name: 'Attach 2 files' }).click();
      await expect(page.getByText('2 files attached.')).toBeVisible();
      // Viewing decrypts in memory only.
      for (const file of files) {
        await page.getByRole('list', { name: 'Evidence' }).getByRole('button', { name: `View ${file.name}` }).click();
        await expect(page.getByRole('dialog').getByLabel('File content as plain text')).toContainText(file.content.slice(0, 40));
        await page.keyboard.press('Escape');
        await expect(page.getByRole('dialog')).toHaveCount(0);
      }

      await openTab(page, 'Referrals');
      await page.getByRole('button', { name: 'New referral' }).click();
      const referralForm = page.getByRole('form', { name: 'New referral' });
      await referralForm.getByLabel('Recipient type').selectOption({ label: 'UNHCR' });
      await referralForm.getByLabel('Organisation').fill(v.rorg);
      await referralForm.getByLabel('Their reference number').fill(v.rref);
      await referralForm.getByLabel('Follow up on').fill(isoDay(-1));
      await referralForm.getByLabel('Details (optional)').fill(v.rpurpose);
      await referralForm.getByRole('checkbox').first().check();
      await referralForm.getByRole('button', { name: 'Create referral' }).click();
      await expect(referralForm).toHaveCount(0);

      await openTab(page, 'Consent');
      await page.getByRole('button', { name: 'Record consent' }).click();
      const consentForm = page.getByRole('form', { name: 'Record consent' });
      await consentForm.getByLabel('Recipient type').selectOption({ label: 'UNHCR' });
      await consentForm.getByLabel('Organisation').fill(v.corg);
      await consentForm.getByRole('checkbox', { name: 'Protection intervention' }).check();
      await consentForm.getByLabel('Details (optional)').fill(v.cpurpose);
      await consentForm.getByRole('button', { name: 'Record consent' }).click();
      await expect(consentForm).toHaveCount(0);
      await page.getByRole('list', { name: 'Consent' }).getByRole('button', { name: /^Withdraw consent for / }).click();
      const withdraw = page.getByRole('dialog', { name: 'Withdraw consent?' });
      await withdraw.getByLabel('Note').fill(v.cwithdraw);
      await withdraw.getByRole('button', { name: 'Record withdrawal' }).click();
      await expect(withdraw).toHaveCount(0);

      await openTab(page, 'Notes');
      await page.getByRole('form', { name: 'New note' }).getByRole('textbox', { name: 'Note' }).fill(v.note);
      await page.getByRole('button', { name: 'Add note' }).click();
      await expect(page.getByRole('list', { name: 'Case notes' }).getByText(v.note)).toBeVisible();

      await openTab(page, 'Tasks');
      await page.getByRole('button', { name: 'New task' }).click();
      const taskForm = page.getByRole('form', { name: 'New task' });
      await taskForm.getByLabel('Task').fill(v.task);
      await taskForm.getByLabel('Due on').fill(isoDay(0));
      await taskForm.getByLabel('Assigned to').fill(v.tassign);
      await taskForm.getByRole('button', { name: 'Add task' }).click();
      await expect(taskForm).toHaveCount(0);

      // The packet builder builds its preview from the case (when the packets feature is present); nothing is exported.
      await openTab(page, 'Referrals');
      const prepare = page.getByRole('button', { name: /^Prepare a packet for / });
      if ((await prepare.count()) > 0) {
        await prepare.first().click();
        const builder = page.getByRole('dialog').filter({ has: page.getByRole('form', { name: 'Packet choices' }) });
        await expect(builder.getByRole('article', { name: 'Packet preview' })).toBeVisible({ timeout: 30_000 });
        const reason = builder.getByLabel(/^Share without consent/);
        if ((await reason.count()) > 0) await reason.fill(`${v.pktreason} — imminent danger, the client cannot be reached.`);
        await expect(builder.getByText('Up to date', { exact: true })).toBeVisible({ timeout: 30_000 });
        await builder.getByRole('button', { name: 'Close', exact: true }).last().click();
        const discard = page.getByRole('dialog', { name: 'Discard this packet?' });
        if ((await discard.count()) > 0) await discard.getByRole('button', { name: 'Discard' }).click();
        await expect(page.getByRole('dialog')).toHaveCount(0);
      }

      // Every screen shows the canaries, so every screen's code path has touched them.
      await openTab(page, 'History');
      await expect(page.getByRole('list', { name: 'Changes, newest first' }).getByText('added a task')).toBeVisible();
      await goTo(page, 'Cases');
      await page.getByLabel('Search cases').fill(v.qcases);
      await goTo(page, 'Contacts');
      await page.getByLabel('Search contacts').fill(v.qcontacts);
      await goTo(page, 'Referrals');
      await expect(page.getByText(v.rorg).first()).toBeVisible();
      await goTo(page, 'Dashboard');
      await expect(page.getByText(v.task).first()).toBeVisible();
      await goTo(page, 'Reports');
      await expect(page.getByText(v.tcountry).first()).toBeVisible();
      await page.getByRole('button', { name: /^Search/ }).first().click();
      const palette = page.getByRole('dialog', { name: 'Search the vault' });
      await palette.getByRole('combobox').fill(v.qsearch);
      await expect(palette.getByRole('status')).toHaveText(/^Nothing matches/);
      await palette.getByRole('combobox').fill(v.cname.split(' ')[0]!);
      await expect(palette.getByRole('option').first()).toBeVisible();
      await page.keyboard.press('Escape');

      // While unlocked: the open vault (db, WAL, shm) and every temp file so far are ciphertext or canary-free.
      const whileOpen = scanFiles([...changedFiles([tmpdir()], before, [profile])], canaries);
      expect(whileOpen, `canaries on disk while the vault is open:\n${describeLeaks(whileOpen)}`).toEqual([]);

      // Lock, as the caseworker leaves the laptop.
      await page.getByRole('button', { name: 'Lock', exact: true }).click();
      await expectUnlockScreen(page);
      expect(offOrigin, 'requests outside the test host').toEqual([]);
      expect(problems, 'page errors or CSP violations').toEqual([]);

      // The data is still there for the passphrase holder (so a clean scan means encrypted, not missing).
      await unlock(page, PASSPHRASE);
      await expectUnlocked(page);
      await page.getByRole('button', { name: /^CK-/ }).first().click();
      await expect(page.getByRole('heading', { level: 1, name: v.legal })).toBeVisible();
      await page.getByRole('button', { name: 'Lock', exact: true }).click();
      await expectUnlockScreen(page);
    } finally {
      // Closing the browser flushes everything it keeps on disk.
      await context.close();
    }

    // The scanner finds a canary in a plain file in an unusual encoding, so a clean result means something.
    const control = join(workDir, 'scanner-control.bin');
    writeFileSync(control, Buffer.from(`x ${v.note} y`, 'utf16le').swap16());
    expect(scanFiles([control], canaries).map((leak) => leak.file)).toEqual([control]);
    rmSync(control);

    const listAll = (root: string) => changedFiles([root], new Map());
    const vaultFiles = listAll(vaultFolder);
    expect(vaultFiles.map((f) => f.slice(vaultFolder.length + 1)).sort(), 'after a lock only the database and the key file remain').toEqual(['keyslots.json', 'vault.db']);
    const configFiles = listAll(configDir);
    const profileFiles = listAll(profile);
    const tempAndHome = changedFiles([tmpdir(), ...homeRoots], before, [profile, vaultFolder, configDir]);
    test.info().annotations.push({
      type: 'scanned',
      description: `vault ${vaultFiles.length}, config ${configFiles.length}, Chromium profile ${profileFiles.length}, changed temp/home files ${tempAndHome.length}`,
    });

    const leaks = {
      vault: scanFiles(vaultFiles, canaries),
      config: scanFiles(configFiles, canaries),
      chromiumProfile: scanFiles(profileFiles, canaries),
      tempAndHome: scanFiles(tempAndHome, canaries),
    };
    for (const [where, found] of Object.entries(leaks)) expect(found, `canaries in the ${where} files:\n${describeLeaks(found)}`).toEqual([]);

    // The recent-vaults list: paths and times only, nothing from the records.
    expect(readdirSync(configDir)).toEqual(['recent-vaults.json']);
    const recent = JSON.parse(readFileSync(join(configDir, 'recent-vaults.json'), 'utf8')) as { version: number; vaults: Record<string, unknown>[] };
    expect(Object.keys(recent).sort()).toEqual(['vaults', 'version']);
    expect(recent.vaults).toHaveLength(1);
    expect(Object.keys(recent.vaults[0]!).sort()).toEqual(['lastOpenedAt', 'path']);
    expect(recent.vaults[0]!.path).toBe(vaultFolder);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
