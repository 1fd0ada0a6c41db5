import { useTranslation } from 'react-i18next';
import type { ReportData } from '../../../../shared/ipc/insights-contract';
import { HorizontalBarChart } from './charts/HorizontalBarChart';
import { StackedColumnChart } from './charts/StackedColumnChart';
import type { ReportTable } from './ExportCsvDialog';
import { ReportCard } from './ReportCard';
import { OUTCOME_COLUMNS, referralRows, sum, tacticTable } from './report-rows';

interface ReportChartsProps {
  data: ReportData;
  onExport: (table: ReportTable, title: string) => void;
}

export function ReportCharts({ data, onExport }: ReportChartsProps) {
  const { t } = useTranslation();
  const tactic = tacticTable(t, data);
  const tacticTitle = t('reports.charts.tactic');
  const countryTitle = t('reports.charts.country');
  const channelTitle = t('reports.charts.channel');
  const referralsTitle = t('reports.charts.referrals');
  const countries = [...data.threatsByCountry].sort((a, b) => b.count - a.count || a.country.localeCompare(b.country));
  const channels = [...data.threatsByChannel].sort((a, b) => b.count - a.count);
  const referrals = referralRows(data);
  const countryLabel = (country: string) => country.trim() || t('reports.unknownCountry');
  const summary = (title: string, total: number) => t('reports.chartSummary', { title, total });
  const one = [{ key: 'count', label: t('reports.count') }];

  return (
    <div className="stack stack--lg">
      <ReportCard
        title={tacticTitle}
        empty={tactic.rows.length === 0 || tactic.categories.length === 0}
        onExport={() => onExport('threats-by-tactic', tacticTitle)}
        chart={
          <StackedColumnChart
            title={tacticTitle}
            summary={summary(tacticTitle, sum(tactic.rows.map((r) => r.total)))}
            series={tactic.categories}
            columns={tactic.rows.map((row) => ({ key: row.month, label: row.label, values: row.values }))}
          />
        }
        table={
          <table className="data-table data-table--compact">
            <caption>{t('reports.dataTable')}: {tacticTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.month')}</th>
                {tactic.categories.map((category) => (
                  <th scope="col" key={category.key} className="num">
                    {category.label}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t('reports.total')}
                </th>
              </tr>
            </thead>
            <tbody>
              {tactic.rows.map((row) => (
                <tr key={row.month}>
                  <th scope="row">{row.label}</th>
                  {row.values.map((value, index) => (
                    <td key={index} className="num">
                      {value}
                    </td>
                  ))}
                  <td className="num strong">{row.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <div className="report-pair">
        <ReportCard
          title={countryTitle}
          empty={countries.length === 0}
          onExport={() => onExport('threats-by-country', countryTitle)}
          chart={
            <HorizontalBarChart
              title={countryTitle}
              summary={summary(countryTitle, sum(countries.map((c) => c.count)))}
              series={one}
              rows={countries.map((row) => ({ key: row.country || '-', label: countryLabel(row.country), values: [row.count] }))}
            />
          }
          table={
            <CountTable
              caption={`${t('reports.dataTable')}: ${countryTitle}`}
              head={t('reports.country')}
              rows={countries.map((row) => ({ key: row.country || '-', label: countryLabel(row.country), count: row.count }))}
            />
          }
        />
        <ReportCard
          title={channelTitle}
          empty={channels.length === 0}
          onExport={() => onExport('threats-by-channel', channelTitle)}
          chart={
            <HorizontalBarChart
              title={channelTitle}
              summary={summary(channelTitle, sum(channels.map((c) => c.count)))}
              series={one}
              rows={channels.map((row) => ({ key: row.channel, label: t(`enums.channel.${row.channel}`), values: [row.count] }))}
            />
          }
          table={
            <CountTable
              caption={`${t('reports.dataTable')}: ${channelTitle}`}
              head={t('reports.channel')}
              rows={channels.map((row) => ({ key: row.channel, label: t(`enums.channel.${row.channel}`), count: row.count }))}
            />
          }
        />
      </div>
      <ReportCard
        title={referralsTitle}
        empty={referrals.length === 0}
        onExport={() => onExport('referrals-by-recipient', referralsTitle)}
        chart={
          <HorizontalBarChart
            title={referralsTitle}
            summary={summary(referralsTitle, sum(referrals.map((r) => r.total)))}
            series={OUTCOME_COLUMNS.map((outcome) => ({ key: outcome, label: t(`reports.outcomes.${outcome}`) }))}
            rows={referrals.map((row) => ({ key: row.recipientType, label: t(`recipientTypes.${row.recipientType}`), values: row.values }))}
          />
        }
        table={
          <table className="data-table data-table--compact">
            <caption>{t('reports.dataTable')}: {referralsTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.recipient')}</th>
                <th scope="col" className="num">
                  {t('reports.total')}
                </th>
                {OUTCOME_COLUMNS.map((outcome) => (
                  <th scope="col" key={outcome} className="num">
                    {t(`reports.outcomes.${outcome}`)}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t('reports.medianDays')}
                </th>
              </tr>
            </thead>
            <tbody>
              {referrals.map((row) => (
                <tr key={row.recipientType}>
                  <th scope="row">{t(`recipientTypes.${row.recipientType}`)}</th>
                  <td className="num strong">{row.total}</td>
                  {row.values.map((value, index) => (
                    <td key={index} className="num">
                      {value}
                    </td>
                  ))}
                  <td className="num">{row.medianDaysToFirstResponse === null ? t('reports.noResponseYet') : formatDays(row.medianDaysToFirstResponse)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </div>
  );
}

function formatDays(days: number): string {
  return new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(days);
}

function CountTable({ caption, head, rows }: { caption: string; head: string; rows: { key: string; label: string; count: number }[] }) {
  const { t } = useTranslation();
  return (
    <table className="data-table data-table--compact">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col" className="num">
            {t('reports.count')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row" dir="auto">
              {row.label}
            </th>
            <td className="num">{row.count}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('reports.total')}</th>
          <td className="num strong">{sum(rows.map((r) => r.count))}</td>
        </tr>
      </tfoot>
    </table>
  );
}
