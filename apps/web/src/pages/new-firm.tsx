import { Button, Card, createForm, FormError, PageHeader, unwrap, useI18n } from '@bureau/core/ui';
import { useNavigate } from '@solidjs/router';
import { client } from '../api/client.ts';
import { FirmFields } from '../components/firm-fields.tsx';
import { session } from '../session.ts';

/** A signed-in user founds another firm (or provider) from the workspace switcher and owns it. */
export default function NewFirm() {
  const i18n = useI18n();
  const navigate = useNavigate();
  const form = createForm({
    initial: { tenantName: '', slug: '', kind: 'company' as 'company' | 'provider' },
    onSubmit: async (v) => {
      const res: { tenant: { slug: string } } = await unwrap(
        client.api.tenants.$post({ json: { name: v.tenantName, slug: v.slug, kind: v.kind } }),
      );
      await session.refresh();
      navigate(`/t/${res.tenant.slug}`, { replace: true });
    },
  });
  return (
    <div class="page narrow">
      <PageHeader title={i18n.t('newFirm.title')} description={i18n.t('newFirm.subtitle')} />
      <Card>
        <form class="form" onSubmit={form.submit} noValidate aria-label={i18n.t('newFirm.title')}>
          <FirmFields
            form={form}
            errorOf={(f) => form.error(f) ?? form.error(f === 'name' ? 'tenantName' : 'slug')}
            autofocus
          />
          <FormError error={form.failure()} />
          <div class="form-actions">
            <Button type="submit" variant="primary" loading={form.submitting()}>
              {i18n.t('newFirm.create')}
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
