/** Rows the pages read from the IT API (the server's zod schemas declare the same). */
export interface CategoryRow {
  id: string;
  name: string;
  fields: Array<{ key: string; label: string; type: 'text' | 'number' | 'date'; required: boolean }>;
  assets: number;
}
export interface LocationRow {
  id: string;
  name: string;
  assets: number;
}
export interface PersonRow {
  id: string;
  name: string;
  email: string;
}
