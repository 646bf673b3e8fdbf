// Named parts, not the `Dialog` object: Kobalte 0.13 builds `Dialog` and `AlertDialog` by Object.assign
// on the same root function, so with both imported one's `.Content` silently becomes the other's role.
import * as KDialog from '@kobalte/core/dialog';
import { type JSX, Show } from 'solid-js';
import { useKit } from './kit-messages.ts';

/**
 * A modal dialog for a small task (Kobalte Dialog: focus trapped and returned, Escape closes, title
 * and description wired for screen readers). `ConfirmDialog` is the yes/no variant.
 */
export function Modal(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: JSX.Element;
  description?: JSX.Element;
  children: JSX.Element;
  footer?: JSX.Element;
  wide?: boolean;
}) {
  const t = useKit();
  return (
    <KDialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <KDialog.Portal>
        <KDialog.Overlay class="dialog-overlay" />
        <div class="dialog-positioner">
          <KDialog.Content class={`dialog ${props.wide ? 'dialog-wide' : ''}`}>
            <div class="dialog-head">
              <KDialog.Title class="dialog-title">{props.title}</KDialog.Title>
              <KDialog.CloseButton class="btn btn-ghost btn-sm icon-only dialog-close" aria-label={t('close')}>
                <span aria-hidden="true">×</span>
              </KDialog.CloseButton>
            </div>
            <Show when={props.description}>
              <KDialog.Description class="dialog-description">{props.description}</KDialog.Description>
            </Show>
            {props.children}
            <Show when={props.footer}>
              <div class="dialog-actions">{props.footer}</div>
            </Show>
          </KDialog.Content>
        </div>
      </KDialog.Portal>
    </KDialog.Root>
  );
}
