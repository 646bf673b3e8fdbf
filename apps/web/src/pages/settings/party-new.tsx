import { notify, useI18n, useTenant } from '@bureau/core/ui';
import { A, useNavigate } from '@solidjs/router';
import { PartyForm } from './party-form.tsx';

/** Settings → Address book → new company or person. */
export default function PartyNew() {
  const i18n = useI18n();
  const navigate = useNavigate();
  const { tenant } = useTenant();
  const base = () => `/t/${tenant().slug}/settings/parties`;
  return (
    <div class="stack">
      <A href={base()} class="muted">
        ← {i18n.t('settings.parties')}
      </A>
      <h2>{i18n.t('parties.new')}</h2>
      <PartyForm
        onSaved={(saved) => {
          notify(i18n.t('parties.saved'));
          navigate(`${base()}/${saved.id}`);
        }}
      />
    </div>
  );
}
