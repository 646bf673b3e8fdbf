/** What the pages read from the API (types only: the server's shapes). */
export type { Person } from '../contract.ts';
export type { Contract, Employee } from '../server/services/employees.ts';
