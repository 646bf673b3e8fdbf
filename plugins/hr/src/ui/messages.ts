import { useMessages } from '@bureau/core/ui';

const en = {
  title: 'Employees',
  subtitle: 'Everything the hr department keeps track of.',
  new: 'New employee',
  search: 'Search code, name or note',
  emptyTitle: 'No employees yet',
  emptyText: 'Create the first one; it appears here with its status.',
  code: 'Code',
  name: 'Name',
  status: 'Status',
  dueDate: 'Due date',
  amount: 'Amount',
  currency: 'Currency',
  note: 'Note',
  created: 'Created',
  overview: 'Overview',
  create: 'Create employee',
  codeHint: 'Leave empty for a generated one.',
  labels: 'Print label',
};

const cs: Record<keyof typeof en, string> = {
  title: 'Employees',
  subtitle: 'Vše, co oddělení hr eviduje.',
  new: 'Nová položka',
  search: 'Hledat kód, název nebo poznámku',
  emptyTitle: 'Zatím žádné položky',
  emptyText: 'Založte první; objeví se zde i se stavem.',
  code: 'Kód',
  name: 'Název',
  status: 'Stav',
  dueDate: 'Termín',
  amount: 'Částka',
  currency: 'Měna',
  note: 'Poznámka',
  created: 'Založeno',
  overview: 'Přehled',
  create: 'Založit položku',
  codeHint: 'Nechte prázdné a kód se vytvoří sám.',
  labels: 'Tisk štítku',
};

/** The hr messages in the current language. */
export const useT = () => useMessages({ en, cs });
