import type { MessageText } from '../i18n/messages.ts';
import type { Runtime } from '../runtime.ts';

/** A module's name in both languages, for messages (`{ module: moduleTitle(runtime, 'hr') }` reads "Personalistika"). */
export function moduleTitle(runtime: Pick<Runtime, 'plugins'>, id: string): MessageText {
  return runtime.plugins.find((p) => p.id === id)?.title ?? { en: id, cs: id };
}

export const moduleTitles = (runtime: Pick<Runtime, 'plugins'>, ids: readonly string[]) =>
  ids.map((id) => moduleTitle(runtime, id));
