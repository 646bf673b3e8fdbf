/**
 * MonthCalendar: one month, Monday first, each day with the links of what falls on it. A wide screen
 * shows a seven-column grid; a narrow one (≤ 720 px) a list of only the days that have something, each
 * with its full date. Weekday and month names come from Intl in the reader's language. The month
 * buttons and every entry's link are in the tab order; today is marked (`aria-current="date"`). The page
 * owns the month (in its URL, say) and loads the entries; `today` should be the firm's day
 * (`businessToday()`), not the browser's.
 */
import { A } from '@solidjs/router';
import { createMemo, For, type JSX, Show } from 'solid-js';
import { Button } from './components.tsx';
import { useI18n } from './i18n.tsx';
import { useKit } from './kit-messages.ts';
import type { Tone } from './status.tsx';
import './month-calendar.css';

export interface CalendarEntry {
  key: string;
  /** `YYYY-MM-DD`. */
  date: string;
  label: JSX.Element;
  href: string;
  /** `warning` or `danger` for what is late. */
  tone?: Tone;
  /** A longer description (tooltip and accessible description). */
  title?: string;
}

const utc = (ymd: string) => new Date(`${ymd}T00:00:00Z`);

/** The month `n` months from `YYYY-MM`. */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** Every date of a month, `YYYY-MM-DD`. */
export function monthDays(month: string): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: last }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/** 1 Monday … 7 Sunday. */
const isoWeekday = (ymd: string) => utc(ymd).getUTCDay() || 7;

export function MonthCalendar(props: {
  month: string;
  today: string;
  entries: readonly CalendarEntry[];
  onMonth: (month: string) => void;
  /** The accessible name of the calendar. */
  caption: string;
}) {
  const t = useKit();
  const i18n = useI18n();
  const tag = () => (i18n.locale() === 'cs' ? 'cs-CZ' : 'en-GB');
  const byDate = createMemo(() => {
    const map = new Map<string, CalendarEntry[]>();
    for (const e of props.entries) map.set(e.date, [...(map.get(e.date) ?? []), e]);
    return map;
  });
  const title = () => {
    const text = new Intl.DateTimeFormat(tag(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      utc(`${props.month}-01`),
    );
    return text.charAt(0).toLocaleUpperCase(tag()) + text.slice(1);
  };
  // 1 January 2024 was a Monday.
  const weekdays = () =>
    Array.from({ length: 7 }, (_, i) =>
      new Intl.DateTimeFormat(tag(), { weekday: 'short', timeZone: 'UTC' }).format(utc(`2024-01-0${i + 1}`)),
    );
  const fullDate = (d: string) =>
    new Intl.DateTimeFormat(tag(), { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(utc(d));
  return (
    <section class="month-calendar" aria-label={props.caption}>
      <div class="month-calendar-bar">
        <Button
          size="sm"
          variant="ghost"
          aria-label={t('previousMonth')}
          onClick={() => props.onMonth(shiftMonth(props.month, -1))}
        >
          ‹
        </Button>
        <h2 class="month-calendar-title" aria-live="polite">
          {title()}
        </h2>
        <Button
          size="sm"
          variant="ghost"
          aria-label={t('nextMonth')}
          onClick={() => props.onMonth(shiftMonth(props.month, 1))}
        >
          ›
        </Button>
        <Show when={props.month !== props.today.slice(0, 7)}>
          <Button size="sm" onClick={() => props.onMonth(props.today.slice(0, 7))}>
            {t('thisMonth')}
          </Button>
        </Show>
      </div>
      <div class="month-calendar-weekdays" aria-hidden="true">
        <For each={weekdays()}>{(w) => <span>{w}</span>}</For>
      </div>
      <ol class="month-calendar-days">
        <For each={monthDays(props.month)}>
          {(d, i) => {
            const entries = () => byDate().get(d) ?? [];
            const today = () => d === props.today;
            return (
              <li
                class="month-calendar-day"
                classList={{ 'is-today': today(), 'has-entries': entries().length > 0 }}
                style={i() === 0 ? { 'grid-column-start': String(isoWeekday(d)) } : undefined}
                aria-current={today() ? 'date' : undefined}
              >
                <span class="month-calendar-date">
                  <span class="month-calendar-num" aria-hidden="true">
                    {Number(d.slice(8))}
                  </span>
                  <span class="month-calendar-full">
                    {fullDate(d)}
                    <Show when={today()}> ({t('today')})</Show>
                  </span>
                </span>
                <Show when={entries().length > 0}>
                  <ul class="month-calendar-entries">
                    <For each={entries()}>
                      {(e) => (
                        <li>
                          <A
                            href={e.href}
                            class={`month-calendar-entry month-calendar-entry-${e.tone ?? 'neutral'}`}
                            title={e.title}
                          >
                            {e.label}
                          </A>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </li>
            );
          }}
        </For>
      </ol>
      <Show when={props.entries.length === 0}>
        <p class="muted month-calendar-empty">{t('nothingThisMonth')}</p>
      </Show>
    </section>
  );
}
