import type { z } from 'zod';
import type { recordsContract } from '../../../shared/ipc/records-contract';
import type { VaultSession } from '../../services/session/session.service';
import { localDay } from '../../services/records/dates';
import * as cases from '../../services/cases/cases.service';
import { listCaseHistory, verifyAuditChain } from '../../services/audit/audit.service';
import * as contacts from '../../services/contacts/contacts.service';
import * as threats from '../../services/threats/threats.service';
import * as evidence from '../../services/evidence/evidence.service';
import * as referrals from '../../services/referrals/referrals.service';
import * as consents from '../../services/consents/consents.service';
import * as notes from '../../services/notes/notes.service';
import * as tasks from '../../services/tasks/tasks.service';

type RecordsContract = typeof recordsContract;
export type RecordHandlers = {
  [C in keyof RecordsContract]: (input: z.output<RecordsContract[C]['input']>) => Promise<z.input<RecordsContract[C]['output']>>;
};


/**
 * The case-record channels. Every handler asks the session for the open
 * vault (LOCKED otherwise) and who is acting, then calls one service.
 */
export function createRecordHandlers(session: VaultSession): RecordHandlers {
  const ctx = () => session.recordContext();
  const db = () => session.current().db;
  return {
    'cases:list': async (input) => cases.listCases(db(), input),
    'cases:get': async ({ id }) => cases.getCase(db(), id),
    'cases:create': async (input) => cases.createCase(ctx(), input),
    'cases:update': async (input) => cases.updateCase(ctx(), input),
    'cases:updateClient': async (input) => cases.updateClient(ctx(), input),
    'cases:archive': async (input) => cases.setArchived(ctx(), input, true),
    'cases:restore': async (input) => cases.setArchived(ctx(), input, false),
    'cases:erase': async (input) => cases.eraseCase(ctx(), input),
    'cases:assignees': async () => cases.listAssignees(db()),
    'contacts:list': async (input) => contacts.listContacts(db(), input),
    'contacts:get': async ({ id }) => contacts.getContact(db(), id),
    'contacts:create': async (input) => contacts.createContactForCase(ctx(), input),
    'contacts:link': async (input) => contacts.linkContact(ctx(), input),
    'contacts:updateLink': async (input) => contacts.updateContactLink(ctx(), input),
    'contacts:unlink': async (input) => contacts.unlinkContact(ctx(), input),
    'contacts:update': async (input) => contacts.updateContact(ctx(), input),
    'threats:list': async ({ caseId }) => threats.listThreats(db(), caseId),
    'threats:create': async (input) => threats.createThreat(ctx(), input),
    'threats:update': async (input) => threats.updateThreat(ctx(), input),
    'threats:delete': async (input) => threats.deleteThreat(ctx(), input),
    'evidence:list': async ({ caseId }) => evidence.listEvidence(db(), caseId),
    'evidence:add': async (input) => evidence.addEvidence(ctx(), input),
    'evidence:content': async ({ id }) => evidence.getEvidenceContent(db(), id),
    'evidence:update': async (input) => evidence.updateEvidence(ctx(), input),
    'evidence:delete': async (input) => evidence.deleteEvidence(ctx(), input),
    'referrals:list': async (input) => referrals.listReferrals(db(), input, localDay()),
    'referrals:create': async (input) => referrals.createReferral(ctx(), input),
    'referrals:update': async (input) => referrals.updateReferral(ctx(), input),
    'consents:list': async ({ caseId }) => consents.listConsents(db(), caseId, localDay()),
    'consents:create': async (input) => consents.createConsent(ctx(), input),
    'consents:withdraw': async (input) => consents.withdrawConsent(ctx(), input),
    'notes:list': async ({ caseId }) => notes.listNotes(db(), caseId),
    'notes:create': async (input) => notes.createNote(ctx(), input),
    'notes:update': async (input) => notes.updateNote(ctx(), input),
    'notes:delete': async (input) => notes.deleteNote(ctx(), input),
    'tasks:list': async ({ caseId }) => tasks.listTasks(db(), caseId),
    'tasks:create': async (input) => tasks.createTask(ctx(), input),
    'tasks:update': async (input) => tasks.updateTask(ctx(), input),
    'audit:history': async ({ caseId, beforeSeq, limit }) => listCaseHistory(db(), caseId, limit, beforeSeq),
    'audit:verify': async () => verifyAuditChain(db()),
  };
}
