import { createResource, createSignal, For, Show } from 'solid-js';
import { ApiError, apiFetch, readResponse } from './api.ts';
import { Button, Card, ConfirmDialog, DateText, EmptyState, ErrorState, LoadingState, notify } from './components.tsx';
import { useI18n, useMessages } from './i18n.tsx';
import { useTenant } from './tenant.tsx';

/** One attachment as GET /api/t/:tenant/records returns it (core/src/records/routes.ts). */
export interface AttachmentInfo {
  id: string;
  entityType: string;
  entityId: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  retentionClass: string;
  retainUntil: string | null;
  sensitive: boolean;
  createdAt: string;
  createdBy: string;
}

const messages = {
  en: {
    title: 'Attachments',
    upload: 'Attach a file',
    uploading: 'Uploading…',
    chooseFile: 'File to attach',
    noneTitle: 'No attachments',
    noneText: 'Attach the supplier’s PDF, a receipt or any other document.',
    download: 'Download {name}',
    delete: 'Delete {name}',
    deleteTitle: 'Delete {name}?',
    deleteText: 'The file is removed from this record.',
    deleted: '{name} deleted',
    uploaded: '{name} attached',
    keptUntil: 'kept until {date}',
    retentionActive: 'This file must be kept until {date} (retention class {class}); it cannot be deleted before then.',
    sensitive: 'sensitive',
  },
  cs: {
    title: 'Přílohy',
    upload: 'Připojit soubor',
    uploading: 'Nahrávám…',
    chooseFile: 'Soubor k připojení',
    noneTitle: 'Žádné přílohy',
    noneText: 'Připojte PDF od dodavatele, účtenku nebo jiný doklad.',
    download: 'Stáhnout {name}',
    delete: 'Smazat {name}',
    deleteTitle: 'Smazat {name}?',
    deleteText: 'Soubor bude z tohoto záznamu odstraněn.',
    deleted: '{name} smazán',
    uploaded: '{name} připojen',
    keptUntil: 'uchovat do {date}',
    retentionActive: 'Tento soubor je nutné uchovat do {date} (třída uchování {class}); do té doby jej nelze smazat.',
    sensitive: 'citlivé',
  },
};

const formatSize = (bytes: number, number: (v: number) => string) =>
  bytes < 1024
    ? `${number(bytes)} B`
    : bytes < 1048576
      ? `${number(Math.round(bytes / 102.4) / 10)} kB`
      : `${number(Math.round(bytes / 104857.6) / 10)} MB`;

/**
 * The attachments of one entity (`<module>.<entity>` + id): list, upload (multipart), download and delete.
 * Needs `tenant.records.read` plus the entity type's read permission to show, and `tenant.records.manage`
 * plus its attach permission to change (the server says which in `access`); a delete refused by a
 * retention rule (409 `retention_active`) says until when the file must be kept.
 */
export function Attachments(props: {
  entityType: string;
  entityId: string;
  /** The retention class new uploads get (e.g. 'invoice'); the server's default otherwise. */
  retentionClass?: string;
  title?: string;
}) {
  const i18n = useI18n();
  const t = useMessages(messages);
  const { tenant, can } = useTenant();
  const base = () => `/api/t/${encodeURIComponent(tenant().slug)}/records`;
  const [listing, { refetch }] = createResource(
    () => ({ base: base(), entityType: props.entityType, entityId: props.entityId }),
    (p) =>
      apiFetch<{ records: AttachmentInfo[]; access: { attach: boolean; sensitive: boolean } }>(p.base, {
        query: { entityType: p.entityType, entityId: p.entityId },
      }),
  );
  const list = () => listing.latest?.records;
  // The entity type's own attach permission (declared by its module), on top of tenant.records.manage.
  const canChange = () => can('tenant.records.manage') && listing.latest?.access.attach === true;
  const [uploading, setUploading] = createSignal(false);
  const [uploadError, setUploadError] = createSignal<string | undefined>();
  const [deleting, setDeleting] = createSignal<AttachmentInfo | null>(null);
  let input: HTMLInputElement | undefined;
  const inputId = `attach-${Math.random().toString(36).slice(2, 9)}`;

  const upload = async (file: File) => {
    setUploading(true);
    setUploadError(undefined);
    try {
      const body = new FormData();
      body.set('file', file);
      body.set('entityType', props.entityType);
      body.set('entityId', props.entityId);
      if (props.retentionClass) body.set('retentionClass', props.retentionClass);
      const res = await fetch(base(), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
        body,
      });
      const saved = await readResponse<AttachmentInfo>(res);
      notify(t('uploaded', { name: saved.filename }));
      refetch();
    } catch (e) {
      setUploadError(e instanceof ApiError ? (e.fieldErrors[0]?.message ?? e.message) : String(e));
    } finally {
      setUploading(false);
      if (input) input.value = '';
    }
  };

  const remove = async (a: AttachmentInfo) => {
    try {
      await apiFetch(`${base()}/${a.id}`, { method: 'DELETE' });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'retention_active') {
        const until = typeof e.body.retainUntil === 'string' ? e.body.retainUntil : a.retainUntil;
        const cls = typeof e.body.retentionClass === 'string' ? e.body.retentionClass : a.retentionClass;
        throw new ApiError({
          ...e.body,
          title: t('retentionActive', { date: until ? i18n.date(until.slice(0, 10)) : '', class: cls }),
        });
      }
      throw e;
    }
    notify(t('deleted', { name: a.filename }));
    refetch();
  };

  return (
    <Card
      title={props.title ?? t('title')}
      actions={
        <Show when={canChange()}>
          <label class="sr-only" for={inputId}>
            {t('chooseFile')}
          </label>
          <input
            id={inputId}
            ref={input}
            type="file"
            class="sr-only"
            tabIndex={-1}
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              if (f) void upload(f);
            }}
          />
          <Button size="sm" loading={uploading()} onClick={() => input?.click()} data-testid="attach-file">
            {uploading() ? t('uploading') : t('upload')}
          </Button>
        </Show>
      }
    >
      <Show when={uploadError()}>
        <p class="field-error" role="alert">
          {uploadError()}
        </p>
      </Show>
      <Show when={!listing.error} fallback={<ErrorState error={listing.error} onRetry={refetch} />}>
        <Show when={list()} fallback={<LoadingState rows={2} />}>
          {(rows) => (
            <Show when={rows().length > 0} fallback={<EmptyState title={t('noneTitle')} description={t('noneText')} />}>
              <ul class="attachments">
                <For each={rows()}>
                  {(a) => (
                    <li class="attachment" data-attachment={a.filename}>
                      <div class="attachment-main">
                        <a
                          class="attachment-name"
                          href={`${base()}/${a.id}/content`}
                          download={a.filename}
                          aria-label={t('download', { name: a.filename })}
                        >
                          {a.filename}
                        </a>
                        <span class="muted small">
                          {formatSize(a.size, i18n.number)} · <DateText value={a.createdAt} time />
                          <Show when={a.retainUntil}>
                            {(u) => <> · {t('keptUntil', { date: i18n.date(u().slice(0, 10)) })}</>}
                          </Show>
                          <Show when={a.sensitive}> · {t('sensitive')}</Show>
                        </span>
                      </div>
                      <Show when={canChange()}>
                        <Button size="sm" variant="ghost" onClick={() => setDeleting(a)}>
                          <span aria-hidden="true">✕</span>
                          <span class="sr-only">{t('delete', { name: a.filename })}</span>
                        </Button>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </Show>
      <ConfirmDialog
        open={deleting() !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={t('deleteTitle', { name: deleting()?.filename ?? '' })}
        description={t('deleteText')}
        confirmLabel={i18n.t('common.delete')}
        danger
        onConfirm={async () => {
          const a = deleting();
          if (a) await remove(a);
        }}
      />
    </Card>
  );
}
