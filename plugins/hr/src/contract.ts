/**
 * What other plugins may import from hr (`@bureau/plugin-hr/contract`): event names and
 * payloads. Add service interfaces and `serviceRef`s here when others need to call in.
 */
export const EMPLOYEE_CREATED = 'hr.employee.created';
export interface EmployeeCreated {
  employeeId: string;
  name: string;
}
