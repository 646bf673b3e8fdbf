import { Badge, PageHeader, useTenant } from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { CsvImport, type ImportReport } from '../csv-import.tsx';
import { useT } from '../messages.ts';

interface ImportRow {
  line: number;
  tag: string | null;
  name: string;
  result: 'created' | 'exists' | 'invalid';
  assetId: string | null;
  errors: { path: string; message: string; code?: string }[];
}
interface AssetImportReport extends ImportReport<ImportRow> {
  created: number;
  existing: number;
}

const TONES = { created: 'success', exists: 'neutral', invalid: 'danger' } as const;

/**
 * Imports assets from a CSV file: a dry run first shows what each row would do (new, already there,
 * or its errors); the import runs only when no row fails, and writes all rows or none.
 */
export default function AssetImport() {
  const t = useT();
  const { tenant } = useTenant();
  const label = (r: ImportRow['result']) =>
    r === 'created' ? t('importCreated') : r === 'exists' ? t('importExists') : t('importInvalid');
  return (
    <div class="page">
      <PageHeader title={t('importTitle')} description={t('importText')} />
      <CsvImport<ImportRow, AssetImportReport>
        path="/it/assets/import"
        caption={t('importTitle')}
        writes={(r) => r.created > 0}
        checked={(r) =>
          [
            t('importNew', { count: r.created }),
            t('importExisting', { count: r.existing }),
            t('importBad', { count: r.invalid }),
          ].join(' · ')
        }
        imported={(r) => (
          <>
            {t('importDone', { count: r.created })} <A href={`/t/${tenant().slug}/it/assets`}>{t('title')}</A>
          </>
        )}
        columns={[
          { header: t('tag'), hideOnMobile: true, cell: (x) => <span class="mono">{x.tag ?? ''}</span> },
          { header: t('name'), cell: (x) => x.name },
          { header: t('importResult'), cell: (x) => <Badge tone={TONES[x.result]}>{label(x.result)}</Badge> },
        ]}
      />
    </div>
  );
}
