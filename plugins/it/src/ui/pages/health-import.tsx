import { Badge, PageHeader, useTenant } from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { CsvImport, type ImportReport } from '../csv-import.tsx';
import { useHT } from '../health-messages.ts';
import { useT } from '../messages.ts';

interface HealthRow {
  line: number;
  tag: string | null;
  result: 'recorded' | 'invalid';
  assetId: string | null;
  errors: { path: string; message: string; code?: string }[];
}
interface HealthReport extends ImportReport<HealthRow> {
  recorded: number;
}

/**
 * Imports devices' health from a CSV file (`POST /it/assets/health/import`): a dry run shows each row's
 * device or its errors; the readings are recorded only when no row fails, all of them or none.
 */
export default function HealthImport() {
  const t = useHT();
  const it = useT();
  const { tenant } = useTenant();
  return (
    <div class="page">
      <PageHeader title={t('healthImportTitle')} description={t('healthImportText')} />
      <CsvImport<HealthRow, HealthReport>
        path="/it/assets/health/import"
        caption={t('healthImportTitle')}
        writes={(r) => r.recorded > 0}
        checked={(r) => [t('toRecord', { count: r.recorded }), it('importBad', { count: r.invalid })].join(' · ')}
        imported={(r) => (
          <>
            {t('recorded', { count: r.recorded })} <A href={`/t/${tenant().slug}/it/compliance`}>{t('compliance')}</A>
          </>
        )}
        columns={[
          {
            header: t('device'),
            cell: (x) =>
              x.assetId ? (
                <A class="mono" href={`/t/${tenant().slug}/it/assets/${x.assetId}?tab=health`}>
                  {x.tag}
                </A>
              ) : (
                <span class="mono">{x.tag ?? ''}</span>
              ),
          },
          {
            header: it('importResult'),
            cell: (x) => (
              <Badge tone={x.result === 'recorded' ? 'success' : 'danger'}>
                {x.result === 'recorded' ? t('rowValid') : t('rowInvalid')}
              </Badge>
            ),
          },
        ]}
      />
    </div>
  );
}
