import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase, getCase, setArchived } from '../../electron/services/cases/cases.service';
import { listCaseHistory, verifyAuditChain } from '../../electron/services/audit/audit.service';
import { createNote, deleteNote, listNotes, updateNote } from '../../electron/services/notes/notes.service';
import { createTask, listDueTasks, listTasks, updateTask } from '../../electron/services/tasks/tasks.service';
import { createReferral } from '../../electron/services/referrals/referrals.service';
import type { RecordContext } from '../../electron/services/records/context';
import { noteDto, taskDto } from '../../shared/domain/records';
import { openTestVault, type TestVault } from '../support/vault';

let t: TestVault;
beforeEach(async () => {
  t = await openTestVault();
});
afterEach(() => t.close());

/** The caseworker at a given local time. */
const at = (ctx: RecordContext, when: string): RecordContext => ({ ...ctx, now: () => new Date(when) });

describe('notes', () => {
  it('a caseworker writes, edits and deletes internal notes; each step is audited and listed newest first', async () => {
    const created = await createCase(t.ctx, { client: { legalName: 'Aziz Tursun' } });
    const first = await createNote(at(t.ctx, '2026-11-27T09:00:00'), { caseId: created.id, body: 'Called the client; brother questioned again.' });
    const second = await createNote(at(t.as('Jonas'), '2026-11-28T09:00:00'), { caseId: created.id, body: '与律师通话。' });
    expect(noteDto.safeParse(first).success).toBe(true);
    expect(first).toMatchObject({ author: 'Mariam Test', version: 1 });
    expect(second.author).toBe('Jonas');
    expect((await listNotes(t.vault.db, created.id)).map((n) => n.id)).toEqual([second.id, first.id]);

    const edited = await updateNote(t.ctx, { id: first.id, version: 1, body: 'Called the client; brother questioned twice.' });
    expect(edited).toMatchObject({ version: 2, author: 'Mariam Test', body: 'Called the client; brother questioned twice.' });
    await deleteNote(t.ctx, { id: second.id, version: 1 });
    expect((await listNotes(t.vault.db, created.id)).map((n) => n.id)).toEqual([first.id]);

    const history = (await listCaseHistory(t.vault.db, created.id)).filter((h) => h.entity === 'note');
    expect(history.map((h) => `${h.action} by ${h.actor}`)).toEqual(['delete by Mariam Test', 'update by Mariam Test', 'create by Jonas', 'create by Mariam Test']);
    expect(history[1]!.changes).toEqual([{ field: 'body', from: 'Called the client; brother questioned again.', to: 'Called the client; brother questioned twice.' }]);
    await expect(createNote(t.ctx, { caseId: randomUUID(), body: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a stale edit or delete of a note is refused with CONFLICT and the newer text is kept', async () => {
    const created = await createCase(t.ctx, { client: { legalName: 'Aziz Tursun' } });
    const note = await createNote(t.ctx, { caseId: created.id, body: 'First draft' });
    await updateNote(t.as('Jonas'), { id: note.id, version: 1, body: 'Jonas rewrote it' });
    await expect(updateNote(t.ctx, { id: note.id, version: 1, body: 'Mariam rewrote it' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('Jonas') });
    await expect(deleteNote(t.ctx, { id: note.id, version: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await listNotes(t.vault.db, created.id))[0]).toMatchObject({ body: 'Jonas rewrote it', version: 2 });
    await deleteNote(t.ctx, { id: note.id, version: 2 });
    await expect(deleteNote(t.ctx, { id: note.id, version: 2 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('tasks', () => {
  it('completing a task is recorded in the history; reopening it too', async () => {
    const created = await createCase(t.ctx, { client: { legalName: 'Aziz Tursun' } });
    const task = await createTask(t.ctx, { caseId: created.id, task: { title: 'Check-in call', dueOn: '2026-12-01' } });
    expect(taskDto.safeParse(task).success).toBe(true);
    expect(task).toMatchObject({ assignedTo: 'Mariam Test', referralId: null, doneAt: null, version: 1 });

    const doneAt = new Date('2026-11-28T15:30:00');
    const done = await updateTask(at(t.ctx, '2026-11-28T15:30:00'), { id: task.id, version: 1, patch: { done: true } });
    expect(done).toMatchObject({ doneAt: doneAt.toISOString(), version: 2 });
    let [latest] = await listCaseHistory(t.vault.db, created.id);
    expect(latest).toMatchObject({ action: 'complete', entity: 'task', entityId: task.id });
    expect(latest!.changes).toEqual([{ field: 'doneAt', from: null, to: doneAt.toISOString() }]);

    // Marking it done again changes nothing and writes nothing.
    expect(await updateTask(t.ctx, { id: task.id, version: 2, patch: { done: true } })).toMatchObject({ version: 2, doneAt: doneAt.toISOString() });

    const reopened = await updateTask(t.ctx, { id: task.id, version: 2, patch: { done: false, dueOn: '2026-12-03' } });
    expect(reopened).toMatchObject({ doneAt: null, dueOn: '2026-12-03', version: 3 });
    [latest] = await listCaseHistory(t.vault.db, created.id);
    expect(latest).toMatchObject({ action: 'reopen' });
    expect(latest!.changes).toEqual([
      { field: 'dueOn', from: '2026-12-01', to: '2026-12-03' },
      { field: 'doneAt', from: doneAt.toISOString(), to: null },
    ]);
    await expect(updateTask(t.ctx, { id: task.id, version: 2, patch: { title: 'stale' } })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('open tasks list by due date before done ones; a task may be left unassigned on purpose', async () => {
    const created = await createCase(t.ctx, { client: { legalName: 'Aziz Tursun' } });
    const make = (title: string, dueOn: string, assignedTo?: string) => createTask(t.ctx, { caseId: created.id, task: { title, dueOn, assignedTo } });
    const hearing = await make('Asylum hearing', '2026-12-10', 'Lawyer Ines');
    const call = await make('Check-in call', '2026-12-01', '');
    const earlyDone = await make('Collect statement', '2026-11-01');
    const lateDone = await make('Send CCF request', '2026-11-20');
    await updateTask(at(t.ctx, '2026-11-02T10:00:00'), { id: earlyDone.id, version: 1, patch: { done: true } });
    await updateTask(at(t.ctx, '2026-11-21T10:00:00'), { id: lateDone.id, version: 1, patch: { done: true } });
    const tasks = await listTasks(t.vault.db, created.id);
    expect(tasks.map((x) => x.title)).toEqual(['Check-in call', 'Asylum hearing', 'Send CCF request', 'Collect statement']);
    expect(tasks.find((x) => x.id === call.id)!.assignedTo).toBe('');
    expect(tasks.find((x) => x.id === hearing.id)!.assignedTo).toBe('Lawyer Ines');
  });

  it('a task can follow up a referral of its own case only', async () => {
    const aziz = await createCase(t.ctx, { client: { legalName: 'Aziz Tursun' } });
    const li = await createCase(t.ctx, { client: { legalName: 'Li Wei' } });
    const ccf = await createReferral(t.ctx, { caseId: aziz.id, referral: { recipientType: 'interpol_ccf', recipientOrg: 'CCF' } });
    await expect(
      createTask(t.ctx, { caseId: li.id, task: { title: 'Chase CCF', dueOn: '2026-12-01', referralId: ccf.id } }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('not part of this case') });
    expect(await listTasks(t.vault.db, li.id)).toEqual([]);

    const chase = await createTask(t.ctx, { caseId: aziz.id, task: { title: 'Chase CCF', dueOn: '2026-12-01', referralId: ccf.id } });
    expect(chase.referralId).toBe(ccf.id);
    const other = await createTask(t.ctx, { caseId: li.id, task: { title: 'Call', dueOn: '2026-12-01' } });
    await expect(updateTask(t.ctx, { id: other.id, version: 1, patch: { referralId: ccf.id } })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(updateTask(t.ctx, { id: other.id, version: 1, patch: { referralId: randomUUID() } })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('the dashboard lists open tasks due by a day across cases, with the case code, leaving out done tasks and archived cases', async () => {
    const aziz = await createCase(t.ctx, { client: { legalName: 'Aziz Tursun' } });
    const li = await createCase(t.ctx, { client: { legalName: 'Li Wei' } });
    const archivedCase = await createCase(t.ctx, { client: { legalName: 'Archived Client' } });
    const overdue = await createTask(t.ctx, { caseId: li.id, task: { title: 'Overdue follow-up', dueOn: '2026-11-20' } });
    const dueToday = await createTask(t.ctx, { caseId: aziz.id, task: { title: 'Call today', dueOn: '2026-11-28' } });
    await createTask(t.ctx, { caseId: aziz.id, task: { title: 'Next week', dueOn: '2026-12-05' } });
    const done = await createTask(t.ctx, { caseId: aziz.id, task: { title: 'Done already', dueOn: '2026-11-25' } });
    await updateTask(t.ctx, { id: done.id, version: 1, patch: { done: true } });
    await createTask(t.ctx, { caseId: archivedCase.id, task: { title: 'Archived', dueOn: '2026-11-25' } });
    await setArchived(t.ctx, { id: archivedCase.id, version: archivedCase.version }, true);

    const due = await listDueTasks(t.vault.db, '2026-11-28');
    expect(due.map((x) => [x.id, x.caseCode])).toEqual([
      [overdue.id, li.code],
      [dueToday.id, aziz.code],
    ]);
  });

  it('every note and task change has one audit entry, the case shows as updated without a new version, and the chain verifies', async () => {
    const created = await createCase(at(t.ctx, '2026-11-01T09:00:00'), { client: { legalName: 'Aziz Tursun' } });
    const day = at(t.ctx, '2026-11-28T09:00:00');
    const note = await createNote(day, { caseId: created.id, body: 'Intake call' });
    await updateNote(day, { id: note.id, version: 1, body: 'Intake call' }); // no change, no entry
    const task = await createTask(day, { caseId: created.id, task: { title: 'Call back', dueOn: '2026-11-30' } });
    await updateTask(day, { id: task.id, version: 1, patch: { title: 'Call back (interpreter)' } });
    await updateTask(at(t.ctx, '2026-11-28T17:05:00'), { id: task.id, version: 2, patch: { done: true } });
    const history = (await listCaseHistory(t.vault.db, created.id)).filter((h) => h.entity === 'note' || h.entity === 'task');
    expect(history.map((h) => `${h.action} ${h.entity}`)).toEqual(['complete task', 'update task', 'create task', 'create note']);
    const caseNow = await getCase(t.vault.db, created.id);
    expect(caseNow.version).toBe(created.version);
    expect(caseNow.updatedAt).toBe(new Date('2026-11-28T17:05:00').toISOString());
    expect(await verifyAuditChain(t.vault.db)).toMatchObject({ ok: true, entries: 2 + 4 });
  });
});
