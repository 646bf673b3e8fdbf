import { ErrorState, LoadingState } from '@bureau/core/ui';
import { type Component, createSignal, type JSX, Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';

type Preloadable<P extends Record<string, any>> = Component<P> & { preload?: () => Promise<unknown> };

const ready = new WeakSet<object>();

/**
 * A route's page (a Solid `lazy` component) that shows a skeleton at once while its code loads, and
 * an error with a retry when the code cannot be fetched, instead of a blank main area. No Suspense
 * boundary: the page's own resources keep their own loading states, and a refetch never swaps the page
 * for the skeleton.
 */
export function withSkeleton<P extends Record<string, any>>(page: Preloadable<P>): Component<P> {
  if (!page.preload) return page;
  return (props: P): JSX.Element => {
    const [loaded, setLoaded] = createSignal(ready.has(page));
    const [failed, setFailed] = createSignal<unknown>();
    const load = () => {
      setFailed(undefined);
      page.preload?.().then(
        () => {
          ready.add(page);
          setLoaded(true);
        },
        (e: unknown) => setFailed(e),
      );
    };
    if (!loaded()) load();
    return (
      <Show
        when={loaded()}
        fallback={
          <Show when={failed()} fallback={<LoadingState rows={4} />}>
            {(e) => <ErrorState error={e()} onRetry={() => window.location.reload()} />}
          </Show>
        }
      >
        <Dynamic component={page} {...props} />
      </Show>
    );
  };
}
