import type { ServiceRef } from '@bureau/core';
import { serviceRef } from '@bureau/core';

/**
 * What other plugins may import from hr (`@bureau/plugin-hr/contract`): the `people` service and
 * the events of hiring and leaving. Other plugins never read hr's tables; they see employees only
 * as `Person` — no birth number, salary, insurer or bank account.
 */
export const EMPLOYEE_HIRED = 'hr.employee.hired';
export const EMPLOYEE_LEFT = 'hr.employee.left';

export interface EmployeeHired {
  employeeId: string;
  name: string;
  startDate: string;
  department: string | null;
  position: string | null;
  email: string | null;
}
export interface EmployeeLeft {
  employeeId: string;
  name: string;
  endDate: string;
}

export interface Person {
  id: string;
  number: string;
  name: string;
  firstName: string;
  lastName: string;
  email: string | null;
  department: string | null;
  position: string | null;
  managerId: string | null;
  status: 'active' | 'left';
  startDate: string;
  endDate: string | null;
}

export interface People {
  /** Employees, active ones only unless `includeLeft`. */
  list(options?: { includeLeft?: boolean }): Promise<Person[]>;
  get(id: string): Promise<Person | null>;
  /** By name, number or e-mail (case-insensitive substring), at most `limit` (default 20). */
  search(query: string, limit?: number): Promise<Person[]>;
}
export const people: ServiceRef<People> = serviceRef<People>('hr', 'people');

/** A completed training (e.g. work safety) expires within its course's reminder days; emitted once. */
export const TRAINING_EXPIRING = 'hr.training.expiring';
export interface TrainingExpiring {
  trainingId: string;
  employeeId: string;
  employeeName: string;
  courseId: string;
  courseName: string;
  expiresOn: string;
}
