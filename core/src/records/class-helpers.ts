import { sql } from 'kysely';
import type { ClassRecord } from './classes.ts';

/**
 * Small helpers for a module's record-class hooks (`records(ctx, query)`): the same in every module
 * that lists its records by id and counts periods from dates.
 */

/** What a class's `records` hook is asked: records triggered by a day, or those with given ids. */
export type ClassRecordQuery = { triggeredBy?: string; ids?: readonly string[] };

const NO_ID = ['00000000-0000-0000-0000-000000000000'];

/** Ids for an `in (…)` filter: never empty (an empty list is no valid SQL), matching nothing then. */
export const idsOrNone = (ids: readonly string[]) => (ids.length ? [...ids] : NO_ID);

/** 31 December of the year of a date (YYYY-MM-DD). */
export const yearEnd = (date: string) => `${date.slice(0, 4)}-12-31`;

/** A timestamp column as the Prague calendar day it happened on (YYYY-MM-DD), for a trigger date. */
export const pragueDay = (column: string) =>
  sql<string | null>`to_char(${sql.ref(column)} at time zone 'Europe/Prague', 'YYYY-MM-DD')`;

/** The records whose trigger happened on or before `query.triggeredBy` (all of them without it). */
export const onlyTriggered = <T extends ClassRecord>(rows: T[], query: ClassRecordQuery) =>
  rows.filter((r) => !query.triggeredBy || (r.triggerDate !== null && r.triggerDate <= query.triggeredBy));
