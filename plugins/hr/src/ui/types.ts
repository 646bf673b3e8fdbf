/** What the pages read from the API (types only: the server's shapes). */
export type { Person } from '../contract.ts';
export type { AttendanceRow } from '../server/leave/attendance.ts';
export type { Checklist, Template } from '../server/onboarding/service.ts';
export type { Attendee, Session } from '../server/onboarding/sessions.ts';
export type { Course, Training } from '../server/onboarding/training.ts';
export type { Candidate, Interview, Opening, Stage } from '../server/recruiting/service.ts';
export type { Contract, Employee } from '../server/services/employees.ts';
