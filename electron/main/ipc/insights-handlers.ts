import type { z } from 'zod';
import type { insightsContract } from '../../../shared/ipc/insights-contract';
import type { SaveFilePurpose } from './handlers';
import type { SaveGrants } from './save-grants';
import type { VaultSession } from '../../services/session/session.service';
import { localDay } from '../../services/records/dates';
import { searchVault } from '../../services/search/search.service';
import { getDashboard, listDueNow } from '../../services/dashboard/dashboard.service';
import { decideRiskSignal, suggestionsForCase } from '../../services/risk-signals/risk-signals.service';
import { exportReportCsv, getReport } from '../../services/reports/reports.service';

type InsightsContract = typeof insightsContract;
export type InsightsHandlers = {
  [C in keyof InsightsContract]: (input: z.output<InsightsContract[C]['input']>) => Promise<z.input<InsightsContract[C]['output']>>;
};

/**
 * Search, dashboard, reminders, risk signals and reports. Every handler
 * needs the open vault (LOCKED otherwise).
 */
export function createInsightsHandlers(
  session: VaultSession,
  chooseSaveFile: (suggestedName: string, purpose: SaveFilePurpose) => Promise<string | null>,
  saveGrants: SaveGrants,
): InsightsHandlers {
  const db = () => session.current().db;
  return {
    'search:query': async ({ query, limitPerKind }) => searchVault(db(), query, limitPerKind),
    'dashboard:get': async () => getDashboard(db(), localDay(), session.getSettings()),
    'tasks:dueNow': async () => listDueNow(db(), localDay()),
    'riskSignals:forCase': async ({ caseId }) => suggestionsForCase(db(), caseId, localDay()),
    'riskSignals:decide': async (input) => decideRiskSignal(session.recordContext(), input, localDay()),
    'reports:get': async (query) => getReport(db(), query),
    'reports:exportCsv': async ({ saveToken, ...query }) => {
      const vaultDb = db();
      return exportReportCsv(vaultDb, { ...query, path: saveGrants.redeem(saveToken, 'report-csv') });
    },
    'dialog:chooseSaveFile': async ({ suggestedName, purpose }) => {
      session.current();
      const path = await chooseSaveFile(suggestedName, purpose);
      return { path, token: path === null ? null : saveGrants.issue(path, purpose) };
    },
  };
}
