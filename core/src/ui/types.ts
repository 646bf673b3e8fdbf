import type { Component } from 'solid-js';

/** Text in every language the product speaks. Same shape as the server's `LocalizedText`. */
export interface LocalizedText {
  en: string;
  cs: string;
}

export type Locale = keyof LocalizedText;
export const LOCALES: readonly Locale[] = ['en', 'cs'];

/** A sidebar entry of a module. `path` is relative to the module's base (`/t/:tenant/<id>`). */
export interface PluginNavItem {
  label: LocalizedText;
  path: string;
  /** Shown only to users granted this permission (patterns such as `hr.*` on the user's side match). */
  permission?: string;
  /** A short glyph or emoji-free icon name; the shell renders a monogram when absent. */
  icon?: string;
}

/** A page of a module. `path` is relative to the module's base, e.g. `/` or `/employees/:id`. */
export interface PluginRoute {
  path: string;
  /** Use `lazy(() => import('./pages/x.tsx'))`, so the page is its own chunk. */
  component: Component;
  permission?: string;
}

/** A dashboard card of a module. */
export interface PluginWidget {
  id: string;
  title: LocalizedText;
  /** Use `lazy(() => import('./widgets/x.tsx'))`. */
  component: Component;
  permission?: string;
  /** Columns on the dashboard grid (1–3); defaults to 1. */
  span?: 1 | 2 | 3;
}

export interface PluginUiDefinition<Id extends string = string> {
  /** The same id as the server plugin: it decides the URL segment and permission prefix. */
  id: Id;
  title: LocalizedText;
  nav: PluginNavItem[];
  routes: PluginRoute[];
  widgets?: PluginWidget[];
}

export type PluginUi<Id extends string = string> = PluginUiDefinition<Id>;

/** Declares the web side of a plugin (its `src/ui/index.ts` default export). Returns it unchanged, typed. */
export function definePluginUi<const Id extends string>(definition: PluginUiDefinition<Id>): PluginUi<Id> {
  return definition;
}
