import { z } from 'zod';
import * as r from '../domain/records';

/**
 * Channels for case records (cases, clients, contacts, threats, evidence,
 * referrals, consent, notes, tasks, audit). Merged into the one contract map
 * in contract.ts.
 */
const empty = z.strictObject({});
const versioned = z.strictObject({ id: r.recordId, version: r.version });
const deleted = z.strictObject({ deleted: z.literal(true) });

export const recordsContract = {
  'cases:list': { input: r.caseListQuery, output: r.caseListPage },
  'cases:get': { input: r.byId, output: r.caseDto },
  'cases:create': { input: r.caseCreateInput, output: r.caseDto },
  'cases:update': { input: r.caseUpdateInput, output: r.caseDto },
  'cases:updateClient': { input: r.clientUpdateInput, output: r.caseDto },
  'cases:archive': { input: versioned, output: r.caseDto },
  'cases:restore': { input: versioned, output: r.caseDto },
  'cases:erase': {
    input: z.strictObject({ id: r.recordId, confirmCode: z.string().max(40) }),
    output: z.strictObject({ erased: z.literal(true) }),
  },
  'cases:assignees': { input: empty, output: z.array(z.string()) },
  'contacts:list': { input: r.contactListQuery, output: r.contactListPage },
  'contacts:get': { input: r.byId, output: r.contactDto },
  'contacts:create': { input: r.contactCreateInput, output: r.contactDto },
  'contacts:link': { input: r.contactLinkInput, output: r.contactDto },
  'contacts:updateLink': { input: r.contactLinkInput, output: r.contactDto },
  'contacts:unlink': {
    input: z.strictObject({ caseId: r.recordId, contactId: r.recordId }),
    output: z.strictObject({ unlinked: z.literal(true) }),
  },
  'contacts:update': { input: r.contactUpdateInput, output: r.contactDto },
  'threats:list': { input: r.byCase, output: z.array(r.threatDto) },
  'threats:create': { input: r.threatCreateInput, output: r.threatDto },
  'threats:update': { input: r.threatUpdateInput, output: r.threatDto },
  'threats:delete': { input: r.deleteInput, output: deleted },
  'evidence:list': { input: r.byCase, output: z.array(r.evidenceDto) },
  'evidence:add': { input: r.evidenceAddInput, output: r.evidenceDto },
  'evidence:content': { input: r.byId, output: r.evidenceContentDto },
  'evidence:update': { input: r.evidenceUpdateInput, output: r.evidenceDto },
  'evidence:delete': { input: r.deleteInput, output: deleted },
  'referrals:list': { input: r.referralListQuery, output: r.referralListPage },
  'referrals:create': { input: r.referralCreateInput, output: r.referralDto },
  'referrals:update': { input: r.referralUpdateInput, output: r.referralDto },
  'consents:list': { input: r.byCase, output: z.array(r.consentDto) },
  'consents:create': { input: r.consentCreateInput, output: r.consentDto },
  'consents:withdraw': { input: r.consentWithdrawInput, output: r.consentDto },
  'notes:list': { input: r.byCase, output: z.array(r.noteDto) },
  'notes:create': { input: r.noteCreateInput, output: r.noteDto },
  'notes:update': { input: r.noteUpdateInput, output: r.noteDto },
  'notes:delete': { input: r.deleteInput, output: deleted },
  'tasks:list': { input: r.byCase, output: z.array(r.taskDto) },
  'tasks:create': { input: r.taskCreateInput, output: r.taskDto },
  'tasks:update': { input: r.taskUpdateInput, output: r.taskDto },
  'audit:history': {
    input: z.strictObject({ caseId: r.recordId, beforeSeq: z.number().int().min(1).optional(), limit: z.number().int().min(1).max(1000).default(200) }),
    output: z.array(r.auditEntryDto),
  },
  'audit:verify': { input: empty, output: r.auditVerifyResult },
} as const;
