import type { Locator, Page } from '@playwright/test';
import { safeFileName } from '../../electron/services/evidence/evidence.service';
import { HOSTILE_FILES, multiLine, veryLongLine, XSS_CORPUS } from '../support/xss-corpus';
import { expect, test } from './fixtures';
import { expectDetectorWorks, expectNothingRan, expectShown, expectShownWhileScrolling, exactTextOf, short, watchPage } from './hostile-checks';
import { createVault, expectUnlocked, goTo, isoDay, PASSPHRASE, screenshot, unlock, vaultPathIn } from './helpers';
import { seedCorpus, type SeededCase } from './hostile-seed';

/**
 * Hostile text (tests/support/xss-corpus.ts) in every field a caseworker can
 * fill and in evidence names and contents; then every screen. Nothing may
 * run (no window.__xss, no dialog, no request — the fixture fails on any
 * request outside the test host — no CSP violation), nothing may become
 * markup, and the text must be shown exactly as typed, bidi and zero-width
 * characters included.
 */

const P = Object.fromEntries(XSS_CORPUS.map((p) => [p.id, p.text])) as Record<string, string>;
const ALL_IDS = XSS_CORPUS.map((p) => p.id);

async function openTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tablist', { name: 'Case sections' }).getByRole('tab', { name, exact: true });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

/** Fills a list field (one input per entry), adding rows as needed. */
async function fillList(scope: Locator, label: string, values: string[]): Promise<void> {
  for (let i = 1; i < values.length; i += 1) await scope.getByRole('button', { name: `Add to ${label}`, exact: true }).click();
  for (const [i, value] of values.entries()) {
    const name = values.length === 1 ? label : `${label} ${i + 1}`;
    await scope.getByRole('textbox', { name, exact: true }).fill(value);
  }
}

/** Drops files on the evidence drop zone with a DataTransfer made in the page, as a real drag would. */
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

/** Opens the search palette, types the query, and returns the dialog. */
async function search(page: Page, query: string): Promise<Locator> {
  await page.getByRole('button', { name: /^Search/ }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Search the vault' });
  const input = dialog.getByRole('combobox');
  await input.fill(query);
  await expect(input).toHaveValue(query);
  return dialog;
}

async function closeSearch(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Search the vault' })).toHaveCount(0);
}

// ---- the values typed through the UI --------------------------------------------

const SUMMARY = `${veryLongLine()}\n${multiLine(ALL_IDS)}`;
const UI = {
  caseworker: P['img-onerror']!,
  legalName: P['script-tag']!,
  originalNames: [P['rtl-cjk-mixed']!, P['bidi-override']!],
  aliases: [P['svg-onload']!, P['zero-width']!, P['template-constructor']!],
  nationality: P['bidi-isolates']!,
  residence: P['javascript-url']!,
  languages: [P['combining-zalgo']!, P['line-separators']!],
  safeMethods: multiLine(['a-href-javascript', 'markdown-link', 'markdown-image']),
  safeTimes: P['style-break']!,
  ethnicity: P['css-expression']!,
  religion: P['template-i18n']!,
  political: multiLine(['iframe-srcdoc', 'details-ontoggle', 'meta-refresh', 'polyglot']),
  assignedTo: P['attribute-break']!,
  riskReason: P['css-url-javascript']!,
  contact: {
    relationship: P['html-entities']!,
    name: P['svg-script']!,
    originalNames: [P['rtl-cjk-mixed']!],
    aliases: [P['polyglot']!, P['bidi-isolates']!],
    country: P['bidi-override']!,
    city: P['zero-width']!,
    phones: [P['javascript-url']!],
    emails: [P['a-href-javascript']!],
    handles: [P['template-constructor']!],
    address: multiLine(['object-embed', 'base-href']),
    notes: `${multiLine(['proto-pollution', 'sql-and-formula', 'html-entities', 'css-import'])}\n${veryLongLine()}`,
  },
  threat: {
    tacticOther: P['details-ontoggle']!,
    country: P['css-expression']!,
    city: P['svg-onload']!,
    description: `${multiLine(ALL_IDS)}\n${veryLongLine()}`,
  },
  kidnapping: { description: P['bidi-override']!, city: P['rtl-cjk-mixed']! },
  riskNote: multiLine(['img-remote', 'markdown-image']),
  evidence: {
    how: P['markdown-link']!,
    source: P['meta-refresh']!,
    description: multiLine(['svg-script', 'iframe-srcdoc', 'bidi-isolates']),
  },
  referral: {
    org: P['bidi-isolates']!,
    reference: P['sql-and-formula']!,
    purpose: multiLine(['template-constructor', 'template-i18n', 'markdown-image']),
  },
  consent: {
    org: P['attribute-break']!,
    purpose: multiLine(['base-href', 'object-embed', 'rtl-cjk-mixed']),
    withdrawal: multiLine(['zero-width', 'combining-zalgo']),
  },
  notes: [multiLine(ALL_IDS), veryLongLine()],
  task: { title: P['polyglot']!, assignedTo: P['rtl-cjk-mixed']! },
  organisation: { name: P['iframe-srcdoc']!, contact: multiLine(['a-href-javascript', 'rtl-cjk-mixed']) },
  packet: { requestedAction: P['details-ontoggle']!, overrideReason: multiLine(['css-import', 'meta-refresh']) },
};

test('a caseworker types hostile text into every form; every tab, the viewer, search and every section show it as typed and nothing runs', async ({ page, workDir }) => {
  test.setTimeout(240_000);
  const dialogs: string[] = [];
  await watchPage(page, dialogs);
  await page.setViewportSize({ width: 1366, height: 1000 });
  await createVault(page, { path: vaultPathIn(workDir), recoveryKey: false });
  await expectDetectorWorks(page);

  // Settings: the caseworker name is shown on evidence, consent, notes and History.
  await goTo(page, 'Settings');
  const caseworker = page.getByRole('region', { name: 'Caseworker' });
  await caseworker.getByLabel('Caseworker name').fill(UI.caseworker);
  await caseworker.getByRole('button', { name: 'Save name' }).click();
  await expect(caseworker.getByText('Name saved.')).toBeVisible();
  // The organisation printed on referral packets (part of the packets feature, when present).
  const organisation = page.getByRole('form', { name: 'Organisation' });
  const hasOrganisation = (await organisation.count()) > 0;
  if (hasOrganisation) {
    await organisation.getByLabel('Organisation name').fill(UI.organisation.name);
    await organisation.getByLabel('Contact for recipients').fill(UI.organisation.contact);
    await organisation.getByRole('button', { name: 'Save organisation' }).click();
    await expect(organisation.getByText('Organisation saved. New packets will show it.')).toBeVisible();
  }
  await expectNothingRan(page, dialogs, 'settings');

  // Intake: every client and case field.
  await goTo(page, 'Cases');
  await page.getByRole('button', { name: 'New case' }).click();
  const intake = page.getByRole('form', { name: 'New case' });
  await intake.getByLabel('Legal name').fill(UI.legalName);
  await fillList(intake, 'Names in original script', UI.originalNames);
  await fillList(intake, 'Aliases and transliterations', UI.aliases);
  await intake.getByLabel('Nationality').fill(UI.nationality);
  await intake.getByLabel('Country of residence').fill(UI.residence);
  await fillList(intake, 'Languages', UI.languages);
  await intake.getByLabel('Safe contact methods').fill(UI.safeMethods);
  await intake.getByLabel('Safe contact times').fill(UI.safeTimes);
  await intake.getByLabel('Ethnicity').fill(UI.ethnicity);
  await intake.getByLabel('Religion').fill(UI.religion);
  await intake.getByLabel('Political activity').fill(UI.political);
  await intake.getByLabel('Risk level').selectOption('medium');
  await intake.getByLabel('Assigned caseworker').fill(UI.assignedTo);
  await intake.getByLabel('Summary').fill(SUMMARY);
  await expectNothingRan(page, dialogs, 'intake form');
  await intake.getByRole('button', { name: 'Create case' }).click();
  const heading = page.getByRole('heading', { level: 1 });
  await expect(page.getByRole('tablist', { name: 'Case sections' })).toBeVisible();
  expect(await heading.textContent()).toBe(UI.legalName);

  // Overview: the client card and the case form, exactly as typed.
  await expectShown(page, [UI.legalName, UI.nationality, UI.residence, UI.safeMethods, UI.safeTimes, UI.ethnicity, UI.religion, UI.political, UI.assignedTo, SUMMARY], 'overview', 'exact');
  // Each name of a list is its own isolated (<bdi>) text, so a right-to-left name cannot reorder its neighbours.
  await expectShown(page, [...UI.originalNames, ...UI.aliases, ...UI.languages], 'overview lists', 'exact');
  const caseForm = page.getByRole('form', { name: 'Case details' });
  await caseForm.getByLabel('Risk level').selectOption('high');
  await caseForm.getByLabel('Reason for the risk change').fill(UI.riskReason);
  await caseForm.getByRole('button', { name: 'Save case details' }).click();
  await expectShown(page, [UI.riskReason], 'risk history', 'exact');
  await screenshot(page, 'hostile-01-overview');
  await expectNothingRan(page, dialogs, 'overview');

  // Contacts: a perpetrator with hostile text in every field.
  await openTab(page, 'Contacts');
  await page.getByRole('button', { name: 'Add a contact' }).click();
  const contactForm = page.getByRole('form', { name: 'Add a contact' });
  await contactForm.getByLabel('Role').selectOption('perpetrator');
  await contactForm.getByLabel('Relationship').fill(UI.contact.relationship);
  await contactForm.getByLabel('Name', { exact: true }).fill(UI.contact.name);
  await fillList(contactForm, 'Names in original script', UI.contact.originalNames);
  await fillList(contactForm, 'Aliases and transliterations', UI.contact.aliases);
  await contactForm.getByLabel('Country').fill(UI.contact.country);
  await contactForm.getByLabel('City').fill(UI.contact.city);
  await fillList(contactForm, 'Phones', UI.contact.phones);
  await fillList(contactForm, 'E-mails', UI.contact.emails);
  await fillList(contactForm, 'Messaging handles', UI.contact.handles);
  await contactForm.getByLabel('Address').fill(UI.contact.address);
  await contactForm.getByLabel('Notes').fill(UI.contact.notes);
  await contactForm.getByRole('button', { name: 'Add contact' }).click();
  await expect(contactForm).toHaveCount(0);
  await expectShown(page, [UI.contact.name, UI.contact.relationship, `${UI.contact.city}, ${UI.contact.country}`, ...UI.contact.phones, ...UI.contact.emails, ...UI.contact.handles], 'case contacts', 'exact');
  await expectNothingRan(page, dialogs, 'case contacts');

  // Threats: "Other" with a hostile tactic text, place and description; then a kidnapping for a risk suggestion.
  await openTab(page, 'Threats');
  await page.getByRole('button', { name: 'Record a threat' }).click();
  let threatForm = page.getByRole('form', { name: 'Record a threat' });
  await threatForm.getByLabel('Tactic').selectOption('other.other');
  await threatForm.getByLabel('Describe the tactic').fill(UI.threat.tacticOther);
  await threatForm.getByLabel('Date', { exact: true }).fill(isoDay(-3));
  await threatForm.getByLabel('Country').fill(UI.threat.country);
  await threatForm.getByLabel('City').fill(UI.threat.city);
  await threatForm.getByRole('checkbox').first().check();
  await threatForm.getByLabel('Description').fill(UI.threat.description);
  await threatForm.getByRole('button', { name: 'Record threat' }).click();
  await expect(threatForm).toHaveCount(0);
  await page.getByRole('button', { name: 'Record a threat' }).click();
  threatForm = page.getByRole('form', { name: 'Record a threat' });
  await threatForm.getByLabel('Tactic').selectOption('direct_attack.kidnapping_rendition');
  await threatForm.getByLabel('Date', { exact: true }).fill(isoDay(-2));
  await threatForm.getByLabel('City').fill(UI.kidnapping.city);
  await threatForm.getByLabel('Description').fill(UI.kidnapping.description);
  await threatForm.getByRole('button', { name: 'Record threat' }).click();
  await expect(page.getByRole('list', { name: 'Threat timeline' }).getByRole('article')).toHaveCount(2);
  await expectShown(page, [UI.threat.description, UI.kidnapping.description], 'threat timeline', 'exact');
  await expectShown(page, [`Other › Other (describe): ${UI.threat.tacticOther}`, `${UI.threat.city}, ${UI.threat.country}`, UI.contact.name], 'threat timeline facts', 'contains');
  await screenshot(page, 'hostile-02-threats');
  await expectNothingRan(page, dialogs, 'threats');

  // The kidnapping makes a risk suggestion; dismissing it takes a note.
  await page.getByRole('button', { name: 'Dismiss', exact: true }).first().click();
  const decision = page.getByRole('dialog', { name: 'Dismiss this suggestion?' });
  await decision.getByLabel('Note (optional)').fill(UI.riskNote);
  await decision.getByRole('button', { name: 'Dismiss suggestion' }).click();
  await expect(decision).toHaveCount(0);

  // Evidence: a scripted SVG, an HTML page and a text file, all with hostile names; hostile collection log.
  await openTab(page, 'Evidence');
  const files = [HOSTILE_FILES.svg, HOSTILE_FILES.html, HOSTILE_FILES.text];
  await dropFiles(page, files.map((f) => ({ ...f })));
  const intakeLog = page.getByRole('form', { name: 'Collection log for the chosen files' });
  await expect(intakeLog.getByText('3 files chosen')).toBeVisible();
  await expect(intakeLog.getByLabel('Collected by')).toHaveValue(UI.caseworker);
  await intakeLog.getByLabel('How collected').fill(UI.evidence.how);
  await intakeLog.getByLabel('Source').fill(UI.evidence.source);
  await intakeLog.getByLabel('Description').fill(UI.evidence.description);
  await intakeLog.getByRole('checkbox').first().check();
  await intakeLog.getByRole('button', { name: 'Attach 3 files' }).click();
  await expect(page.getByText('3 files attached.')).toBeVisible();
  const evidenceList = page.getByRole('list', { name: 'Evidence' });
  // File names are the one deliberate exception: bidi controls that could disguise an extension become "_".
  const storedNames = files.map((f) => safeFileName(f.name));
  expect(storedNames[0]).toBe(`<svg onload=alert('svg-name')>_gvs.exe_.svg`);
  await expectShown(page, [...storedNames, UI.evidence.how, UI.evidence.source, UI.evidence.description, UI.caseworker], 'evidence list', 'exact');
  await screenshot(page, 'hostile-03-evidence');
  await expectNothingRan(page, dialogs, 'evidence list');

  // The viewer: never rendered, shown as text, exactly.
  const viewed = new Set<string>();
  for (let index = 0; index < files.length; index += 1) {
    await evidenceList.getByRole('button', { name: /^View / }).nth(index).click();
    const viewer = page.getByRole('dialog');
    await expect(viewer.getByText('Preview not available for this type')).toBeVisible();
    const pre = viewer.getByLabel('File content as plain text');
    await expect(pre).toBeVisible();
    const shown = await pre.textContent();
    const file = files.find((f) => f.content === shown);
    expect(file, `viewer ${index}: the file's text is shown exactly as stored`).toBeDefined();
    viewed.add(file!.name);
    expect(await exactTextOf(page, 'dialog[open] .dialog__title')).toEqual([safeFileName(file!.name)]);
    await expect(viewer.locator('img, svg:not([aria-hidden="true"]), iframe, object, embed, video, audio, canvas')).toHaveCount(0);
    if (file === HOSTILE_FILES.svg) await page.screenshot({ path: '/tmp/ck-shots/hostile-04-viewer-svg.png' });
    await expectNothingRan(page, dialogs, `evidence viewer ${short(file!.name)}`);
    await viewer.getByRole('button', { name: 'Close' }).last().click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
  }
  expect([...viewed].sort()).toEqual(files.map((f) => f.name).sort());

  // Referral.
  await openTab(page, 'Referrals');
  await page.getByRole('button', { name: 'New referral' }).click();
  const referralForm = page.getByRole('form', { name: 'New referral' });
  await referralForm.getByLabel('Recipient type').selectOption({ label: 'Police' });
  await referralForm.getByLabel('Organisation').fill(UI.referral.org);
  await referralForm.getByLabel('Their reference number').fill(UI.referral.reference);
  await referralForm.getByLabel('Follow up on').fill(isoDay(-1));
  await referralForm.getByLabel('Details (optional)').fill(UI.referral.purpose);
  await referralForm.getByRole('checkbox').first().check();
  await referralForm.getByRole('button', { name: 'Create referral' }).click();
  await expect(referralForm).toHaveCount(0);
  await expectShown(page, [UI.referral.org, UI.referral.reference, UI.referral.purpose], 'case referrals', 'exact');
  await expectNothingRan(page, dialogs, 'case referrals');

  // Consent, then its withdrawal with a note.
  await openTab(page, 'Consent');
  await page.getByRole('button', { name: 'Record consent' }).click();
  const consentForm = page.getByRole('form', { name: 'Record consent' });
  await consentForm.getByLabel('Recipient type').selectOption({ label: 'Police' });
  await consentForm.getByLabel('Organisation').fill(UI.consent.org);
  await consentForm.getByRole('checkbox', { name: 'Criminal complaint' }).check();
  await consentForm.getByLabel('Details (optional)').fill(UI.consent.purpose);
  await consentForm.getByRole('button', { name: 'Record consent' }).click();
  await expect(consentForm).toHaveCount(0);
  await page.getByRole('list', { name: 'Consent' }).getByRole('button', { name: /^Withdraw consent for / }).click();
  const withdraw = page.getByRole('dialog', { name: 'Withdraw consent?' });
  await withdraw.getByLabel('Note').fill(UI.consent.withdrawal);
  await withdraw.getByRole('button', { name: 'Record withdrawal' }).click();
  await expect(withdraw).toHaveCount(0);
  await expectShown(page, [UI.consent.org, UI.consent.purpose, UI.consent.withdrawal, UI.caseworker], 'consent', 'exact');
  await expectNothingRan(page, dialogs, 'consent');

  // Notes: the whole corpus, one payload per line, and a very long line.
  await openTab(page, 'Notes');
  for (const body of UI.notes) {
    await page.getByRole('form', { name: 'New note' }).getByRole('textbox', { name: 'Note' }).fill(body);
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect(page.getByRole('form', { name: 'New note' }).getByRole('textbox', { name: 'Note' })).toHaveValue('');
  }
  await expectShown(page, UI.notes, 'notes', 'exact');
  await screenshot(page, 'hostile-05-notes');
  await expectNothingRan(page, dialogs, 'notes');

  // Task, due today: the in-app notice shows its title too.
  await openTab(page, 'Tasks');
  await page.getByRole('button', { name: 'New task' }).click();
  const taskForm = page.getByRole('form', { name: 'New task' });
  await taskForm.getByLabel('Task').fill(UI.task.title);
  await taskForm.getByLabel('Due on').fill(isoDay(0));
  await taskForm.getByLabel('Assigned to').fill(UI.task.assignedTo);
  await taskForm.getByLabel('Linked referral').selectOption({ index: 1 });
  await taskForm.getByRole('button', { name: 'Add task' }).click();
  await expect(taskForm).toHaveCount(0);
  await expectShown(page, [UI.task.title, UI.task.assignedTo], 'tasks', 'exact');
  await expectNothingRan(page, dialogs, 'tasks');

  // The referral packet builder and its preview (being built: visited when present).
  await openTab(page, 'Referrals');
  const prepare = page.getByRole('button', { name: /^Prepare a packet for / });
  if ((await prepare.count()) === 0) {
    test.info().annotations.push({ type: 'packet preview', description: 'not present in this build; not visited' });
  } else {
    await prepare.first().click();
    const builder = page.getByRole('dialog').filter({ has: page.getByRole('form', { name: 'Packet choices' }) });
    await expect(builder.getByRole('article', { name: 'Packet preview' })).toBeVisible({ timeout: 30_000 });
    const requested = builder.getByLabel('What you ask the recipient to do');
    if ((await requested.count()) > 0) await requested.fill(UI.packet.requestedAction);
    const reason = builder.getByLabel(/^Share without consent/);
    const hasReason = (await reason.count()) > 0;
    if (hasReason) await reason.fill(UI.packet.overrideReason);
    await expect(builder.getByText('Up to date', { exact: true })).toBeVisible({ timeout: 30_000 });
    const expected = [...(hasReason ? [UI.packet.overrideReason] : []), ...((await requested.count()) > 0 ? [UI.packet.requestedAction] : []), ...(hasOrganisation ? [UI.organisation.name] : [])];
    await expectShown(page, expected, 'packet preview', 'contains');
    await page.screenshot({ path: '/tmp/ck-shots/hostile-09-packet-preview.png' });
    await expectNothingRan(page, dialogs, 'packet preview');
    await builder.getByRole('button', { name: 'Close', exact: true }).last().click();
    const discard = page.getByRole('dialog', { name: 'Discard this packet?' });
    if ((await discard.count()) > 0) await discard.getByRole('button', { name: 'Discard' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
  }

  // History: every change with its hostile values, by the hostile caseworker name.
  await openTab(page, 'History');
  const history = page.getByRole('list', { name: 'Changes, newest first' });
  await expect(history.getByText('added a note').first()).toBeVisible();
  const showMore = history.getByRole('button', { name: 'Show more' });
  for (let left = await showMore.count(); left > 0; left -= 1) {
    await showMore.first().click();
    await expect(showMore).toHaveCount(left - 1);
  }
  await expectShown(page, [UI.caseworker, UI.legalName, UI.contact.name, UI.referral.org, UI.task.title, UI.riskReason, UI.riskNote, UI.consent.withdrawal], 'history', 'contains');
  await page.getByRole('button', { name: 'Verify history integrity' }).click();
  await expect(page.getByText('History intact')).toBeVisible();
  await screenshot(page, 'hostile-06-history');
  await expectNothingRan(page, dialogs, 'history');

  // Every other section.
  await goTo(page, 'Cases');
  await expectShown(page, [UI.legalName, ...UI.originalNames, UI.assignedTo], 'cases list', 'exact');
  await page.getByLabel('Search cases').fill(UI.legalName);
  await expect(page.getByText('1 case', { exact: true })).toBeVisible();
  await expectShown(page, [UI.legalName], 'cases list, searched', 'exact');
  await expectNothingRan(page, dialogs, 'cases list');

  await goTo(page, 'Contacts');
  await expectShown(page, [UI.contact.name, UI.contact.originalNames.join(' · '), `${UI.contact.city}, ${UI.contact.country}`], 'contacts page', 'exact');
  await page.getByLabel('Search contacts').fill(UI.contact.name);
  await expect(page.getByLabel('Search contacts')).toHaveValue(UI.contact.name);
  await expectNothingRan(page, dialogs, 'contacts page');

  await goTo(page, 'Referrals');
  await expectShown(page, [UI.referral.org], 'referrals page', 'exact');
  await expectNothingRan(page, dialogs, 'referrals page');

  await goTo(page, 'Dashboard');
  await expectShown(page, [UI.task.title, UI.referral.org], 'dashboard', 'exact');
  await expectShown(page, [UI.legalName], 'dashboard', 'contains');
  await screenshot(page, 'hostile-07-dashboard');
  await expectNothingRan(page, dialogs, 'dashboard');

  await goTo(page, 'Reports');
  await expectShown(page, [UI.threat.country], 'reports', 'exact');
  await expectNothingRan(page, dialogs, 'reports');

  await goTo(page, 'Settings');
  await expect(page.getByRole('region', { name: 'Caseworker' }).getByLabel('Caseworker name')).toHaveValue(UI.caseworker);
  await expectNothingRan(page, dialogs, 'settings');

  // Search: a hit (the title highlighted part by part) and a miss that repeats the query.
  let palette = await search(page, UI.contact.name);
  await expect(palette.getByRole('option').first()).toBeVisible();
  const options = await palette.getByRole('option').allTextContents();
  expect(options.some((text) => text.includes(UI.contact.name)), 'search hit shows the name as typed').toBe(true);
  await page.screenshot({ path: '/tmp/ck-shots/hostile-08-search.png' });
  await expectNothingRan(page, dialogs, 'search with a hit');
  await closeSearch(page);
  const miss = `"><script>alert('qqzzxx')</script>\u202Eqqzzxx`;
  palette = await search(page, miss);
  await expect(palette.getByRole('status')).toHaveText(/^Nothing matches/);
  await expectShown(page, [`Nothing matches “${miss}”.`], 'search without a hit', 'exact');
  await expectNothingRan(page, dialogs, 'search without a hit');
  await closeSearch(page);

  // After a lock and unlock everything is read afresh from the vault: still as typed.
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await unlock(page, PASSPHRASE);
  await expectUnlocked(page);
  await page.getByRole('button', { name: /^CK-/ }).first().click();
  await expectShown(page, [UI.legalName, UI.nationality, SUMMARY], 'overview after unlock', 'exact');
  await expectNothingRan(page, dialogs, 'after unlock');
});

/** Every tab of one seeded case, and the viewer for its evidence. */
async function visitCase(page: Page, dialogs: string[], seeded: SeededCase): Promise<void> {
  const where = (tab: string) => `${seeded.code} (${seeded.payload.id}) ${tab}`;
  await goTo(page, 'Cases');
  // The list is virtualised: find the case by its code, as a caseworker would.
  await page.getByLabel('Search cases').fill(seeded.code);
  await page.getByRole('button', { name: seeded.code, exact: true }).click();
  await expect(page.getByRole('tablist', { name: 'Case sections' })).toBeVisible();
  expect(await page.getByRole('heading', { level: 1 }).textContent(), where('heading')).toBe(seeded.client.legalName);
  await expectShown(page, [...Object.values(seeded.client), seeded.assignedTo, seeded.summary, ...(seeded.riskReason ? [seeded.riskReason] : [])], where('overview'), 'exact');
  await expectShown(page, [...seeded.lists.originalNames, ...seeded.lists.aliases, ...seeded.lists.languages], where('overview lists'), 'exact');
  await expectNothingRan(page, dialogs, where('overview'));

  await openTab(page, 'Threats');
  await expectShown(page, [seeded.threat.description], where('threats'), 'exact');
  await expectShown(page, [`Other › Other (describe): ${seeded.threat.tacticOther}`, `${seeded.threat.city}, ${seeded.threat.country}`, seeded.contact.name], where('threats'), 'contains');
  await expectNothingRan(page, dialogs, where('threats'));

  await openTab(page, 'Contacts');
  const c = seeded.contact;
  await expectShown(page, [c.name, c.relationship, `${c.city}, ${c.country}`, c.phone, c.email, c.handle], where('contacts'), 'exact');
  await expectNothingRan(page, dialogs, where('contacts'));

  await openTab(page, 'Referrals');
  await expectShown(page, [seeded.referral.org, seeded.referral.purpose, seeded.referral.reference], where('referrals'), 'exact');
  await expectNothingRan(page, dialogs, where('referrals'));

  await openTab(page, 'Consent');
  await expectShown(page, [seeded.consent.org, seeded.consent.purpose, ...(seeded.consent.withdrawal ? [seeded.consent.withdrawal] : [])], where('consent'), 'exact');
  await expectNothingRan(page, dialogs, where('consent'));

  await openTab(page, 'Notes');
  await expectShown(page, [seeded.note], where('notes'), 'exact');
  await expectNothingRan(page, dialogs, where('notes'));

  await openTab(page, 'Tasks');
  await expectShown(page, [seeded.task.title, seeded.task.assignedTo], where('tasks'), 'exact');
  await expectNothingRan(page, dialogs, where('tasks'));

  await openTab(page, 'Evidence');
  const e = seeded.evidence;
  await expectShown(page, [e.shownName, e.how, e.by, e.from, e.description], where('evidence'), 'exact');
  await page.getByRole('list', { name: 'Evidence' }).getByRole('button', { name: /^View / }).first().click();
  const pre = page.getByRole('dialog').getByLabel('File content as plain text');
  await expect(pre).toBeVisible();
  expect(await pre.textContent(), where('evidence viewer')).toBe(e.content);
  expect(await exactTextOf(page, 'dialog[open] .dialog__title')).toEqual([e.shownName]);
  await expectNothingRan(page, dialogs, where('evidence viewer'));
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await openTab(page, 'History');
  await expect(page.getByRole('list', { name: 'Changes, newest first' }).getByText('added a task')).toBeVisible();
  await expectShown(page, [seeded.client.legalName, seeded.note], where('history'), 'contains');
  await expectNothingRan(page, dialogs, where('history'));
}

test('the whole corpus in every field of every kind of record: every case tab, every section, the viewer and search show it as typed and nothing runs', async ({ page, host, workDir }) => {
  test.setTimeout(600_000);
  const dialogs: string[] = [];
  await watchPage(page, dialogs);
  // Tall enough that the virtualised lists render every row.
  await page.setViewportSize({ width: 1366, height: 2600 });
  await createVault(page, { path: vaultPathIn(workDir), recoveryKey: false });
  const caseworker = P['bidi-isolates']!;
  const seeded = await seedCorpus(host, caseworker);
  // Seeded behind the UI's back: lock and unlock so every list is read afresh.
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await unlock(page, PASSPHRASE);
  await expectUnlocked(page);

  await goTo(page, 'Cases');
  await expect(page.getByText(`${seeded.length} cases`, { exact: true })).toBeVisible();
  const caseRows = page.getByRole('table', { name: 'Cases' }).getByRole('rowgroup').nth(1);
  await expectShownWhileScrolling(page, caseRows, seeded.flatMap((s) => [s.client.legalName, s.assignedTo, ...s.lists.originalNames]), 'cases list', 'exact');
  await screenshot(page, 'hostile-10-cases-list');
  await expectNothingRan(page, dialogs, 'cases list');

  for (const one of seeded) await visitCase(page, dialogs, one);

  await goTo(page, 'Contacts');
  const contactRows = page.getByRole('list', { name: 'Contacts' }).locator('..');
  await expectShownWhileScrolling(page, contactRows, seeded.flatMap((s) => [s.contact.name, `${s.contact.city}, ${s.contact.country}`]), 'contacts page', 'exact');
  await screenshot(page, 'hostile-11-contacts');
  await expectNothingRan(page, dialogs, 'contacts page');

  await goTo(page, 'Referrals');
  await expectShown(page, seeded.map((s) => s.referral.org), 'referrals page', 'exact');
  await screenshot(page, 'hostile-12-referrals');
  await expectNothingRan(page, dialogs, 'referrals page');

  await goTo(page, 'Dashboard');
  const overdue = seeded.filter((s) => s.task.dueOn < isoDay(0));
  await expectShown(page, overdue.map((s) => s.task.title), 'dashboard, overdue tasks', 'exact');
  await expectShown(page, seeded.filter((s) => s.referral.followUpOn < isoDay(0)).map((s) => s.referral.org), 'dashboard, overdue follow-ups', 'exact');
  await screenshot(page, 'hostile-13-dashboard');
  await expectNothingRan(page, dialogs, 'dashboard');

  await goTo(page, 'Reports');
  await expectShown(page, [...new Set(seeded.map((s) => s.threat.country))], 'reports, threats by country', 'exact');
  await screenshot(page, 'hostile-14-reports');
  await expectNothingRan(page, dialogs, 'reports');

  await goTo(page, 'Settings');
  await expect(page.getByRole('region', { name: 'Caseworker' }).getByLabel('Caseworker name')).toHaveValue(caseworker);
  await expectNothingRan(page, dialogs, 'settings');

  // Search with every payload as the query: the query and every hit stay text.
  const misses: string[] = [];
  for (const one of seeded) {
    const palette = await search(page, one.payload.text);
    const status = palette.getByRole('status');
    await expect(status).not.toHaveText('');
    const options = await palette.getByRole('option').allTextContents();
    if (options.length === 0) {
      await expectShown(page, [`Nothing matches “${one.payload.text.trim()}”.`], `search ${one.payload.id}`, 'exact');
      misses.push(one.payload.id);
    } else {
      // Hits come in parts (matches in <mark>); joined, a hit on this case's client shows the payload whole.
      if (!options.some((option) => option.includes(one.payload.text))) misses.push(`${one.payload.id} (hits, none whole)`);
    }
    await expectNothingRan(page, dialogs, `search ${one.payload.id}`);
    await closeSearch(page);
  }
  test.info().annotations.push({ type: 'search misses', description: misses.join(', ') || 'none' });
});
