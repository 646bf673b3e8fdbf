import { z } from 'zod';
import { fm } from './field-messages.ts';

/**
 * Inputs shared by the API (the server validates with them) and the forms (the pages check with
 * them before sending). Amounts are decimal strings (`"50000"`, `"182.50"`) or numbers; dates ISO.
 * The checks that need more than a shape (birth number checksum, IBAN, overlapping contracts) are the
 * server's, with field errors in the reader's language.
 */
export const Money = z.union([
  z
    .string()
    .trim()
    .regex(/^\d{1,9}(\.\d{1,2})?$/, fm.amount.ref),
  z.number().nonnegative().max(999_999_999),
]);

export const CONTRACT_TYPES = ['hpp', 'dpp', 'dpc'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];
export const INSURERS = ['111', '201', '205', '207', '209', '211', '213'] as const;

export const ContractInput = z.object({
  type: z.enum(CONTRACT_TYPES),
  /** Defaults to the employee's start date. */
  startDate: z.iso.date().optional(),
  endDate: z.iso.date().nullable().optional(),
  /** Defaults to 40 for HPP, 0 (agreed per month) otherwise. */
  weeklyHours: z.union([z.number().min(0).max(60), z.string().regex(/^\d{1,2}(\.\d{1,2})?$/)]).optional(),
  salaryType: z.enum(['monthly', 'hourly']).optional(),
  monthlySalary: Money.optional(),
  hourlyRate: Money.optional(),
  probationMonths: z.number().int().min(0).max(8).optional(),
  noticeMonths: z.number().int().min(0).max(12).optional(),
  position: z.string().trim().max(200).optional(),
});
export type ContractInput = z.infer<typeof ContractInput>;

export const ChildInput = z.object({
  birthDate: z.iso.date(),
  name: z.string().trim().max(200).optional(),
  /** Holder of a ZTP/P card: the credit is doubled (zákon o daních z příjmů § 35c odst. 1). */
  disabled: z.boolean().optional(),
  /** Credit claimed past 18 while preparing for a profession, until this day (at most age 26). */
  studentUntil: z.iso.date().nullable().optional(),
});

const text = (max = 200) => z.string().trim().max(max);

export const PersonInput = z.object({
  firstName: text().min(1),
  lastName: text().min(1),
  birthDate: z.iso.date().optional(),
  birthNumber: z.string().trim().max(20).optional(),
  email: z.email().max(200).optional(),
  phone: text(40).optional(),
  street: text().optional(),
  city: text().optional(),
  postalCode: text(20).optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  /** IBAN, or a Czech account number such as `19-2000145399/0800`. */
  bankAccount: text(60).optional(),
  healthInsurer: z.enum(INSURERS).optional(),
  /** Signed "prohlášení poplatníka" (zákon o daních z příjmů § 38k): credits and the progressive advance. */
  taxDeclaration: z.boolean().default(false),
  children: z.array(ChildInput).max(20).optional(),
  department: text().optional(),
  position: text().optional(),
  managerId: z.uuid().nullable().optional(),
  /** A member of this tenant who is this employee (self-service); null unlinks. */
  userId: z.uuid().nullable().optional(),
  note: text(2000).optional(),
});

export const EmployeeInput = PersonInput.extend({
  number: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/, fm.code.ref)
    .optional(),
  startDate: z.iso.date(),
  contract: ContractInput,
});
export type EmployeeInput = z.infer<typeof EmployeeInput>;

/** A change of personal data: every field optional; children, when given, replace the list. */
export const EmployeeUpdate = PersonInput.partial();
export type EmployeeUpdate = z.infer<typeof EmployeeUpdate>;

export const ContractChangeInput = z.object({
  effectiveFrom: z.iso.date(),
  weeklyHours: ContractInput.shape.weeklyHours,
  monthlySalary: Money.optional(),
  hourlyRate: Money.optional(),
});

export const TerminateInput = z.object({
  endDate: z.iso.date(),
  reason: z.string().trim().max(200).optional(),
});

// Recruiting ---------------------------------------------------------------------------------------

export const OpeningInput = z.object({
  title: text().min(1),
  department: text().optional(),
  /** The position the hire takes (and whose onboarding checklist starts). */
  position: text().optional(),
  /** The hiring manager (an employee); becomes the new employee's manager. */
  managerId: z.uuid().nullable().optional(),
  headcount: z.number().int().min(1).max(100).optional(),
  contractType: z.enum(CONTRACT_TYPES).optional(),
  description: text(4000).optional(),
});
export type OpeningInput = z.infer<typeof OpeningInput>;
export const OpeningUpdate = OpeningInput.partial();
export type OpeningUpdate = z.infer<typeof OpeningUpdate>;

export const CandidateInput = z.object({
  openingId: z.uuid(),
  firstName: text().min(1),
  lastName: text().min(1),
  email: z.email().max(200).optional(),
  phone: text(40).optional(),
  /** Where the application came from (job board, referral…). */
  source: text().optional(),
  note: text(4000).optional(),
  /** The candidate consented to being kept for later openings until this day. */
  consentUntil: z.iso.date().nullable().optional(),
});
export type CandidateInput = z.infer<typeof CandidateInput>;
export const CandidateUpdate = CandidateInput.omit({ openingId: true }).partial();
export type CandidateUpdate = z.infer<typeof CandidateUpdate>;

export const StagesInput = z.object({
  /** The pipeline in order: kept ids are renamed and moved, new names added, missing ones removed. */
  stages: z
    .array(z.object({ id: z.uuid().optional(), name: text(60).min(1) }))
    .min(1)
    .max(12),
});
export type StagesInput = z.infer<typeof StagesInput>;

export const MoveInput = z.object({ stageId: z.uuid() });

export const INTERVIEW_KINDS = ['onsite', 'video', 'phone'] as const;
export const InterviewInput = z.object({
  startsAt: z.iso.datetime({ offset: true }),
  durationMinutes: z.number().int().min(10).max(480).default(60),
  kind: z.enum(INTERVIEW_KINDS).default('onsite'),
  location: text().optional(),
  note: text(2000).optional(),
  interviewerIds: z.array(z.uuid()).min(1).max(10),
});
export type InterviewInput = z.infer<typeof InterviewInput>;

export const RECOMMENDATIONS = ['strong_no', 'no', 'yes', 'strong_yes'] as const;
export const ScorecardInput = z.object({
  interviewerId: z.uuid(),
  rating: z.number().int().min(1).max(5),
  recommendation: z.enum(RECOMMENDATIONS),
  criteria: z
    .array(z.object({ name: text(100).min(1), score: z.number().int().min(1).max(5) }))
    .max(20)
    .optional(),
  notes: text(4000).optional(),
});
export type ScorecardInput = z.infer<typeof ScorecardInput>;

// Onboarding and training ------------------------------------------------------------------------

export const ASSIGNEES = ['hr', 'manager', 'it', 'employee'] as const;
export const TemplateInput = z.object({
  name: text().min(1),
  /** The position whose hires get this checklist; none: the default for every other position. */
  position: text().nullable().optional(),
  tasks: z
    .array(
      z.object({
        title: text().min(1),
        assignee: z.enum(ASSIGNEES),
        /** Due this many days after the start date (negative: before it). */
        dueDays: z.number().int().min(-90).max(365),
      }),
    )
    .min(1)
    .max(50),
});
export type TemplateInput = z.infer<typeof TemplateInput>;

export const CourseInput = z.object({
  name: text().min(1),
  /** How long a completion is valid (e.g. 24 for work safety every two years); none: no expiry. */
  validityMonths: z.number().int().min(1).max(240).nullable().optional(),
  /** How many days before the expiry the training is flagged. */
  remindDays: z.number().int().min(1).max(365).optional(),
  description: text(2000).optional(),
});
export type CourseInput = z.infer<typeof CourseInput>;

export const TrainingInput = z.object({
  employeeId: z.uuid(),
  courseId: z.uuid(),
  completedOn: z.iso.date(),
  /** Defaults to the completion plus the course's validity. */
  expiresOn: z.iso.date().nullable().optional(),
  certificate: text(100).optional(),
});
export type TrainingInput = z.infer<typeof TrainingInput>;

export const SessionInput = z.object({
  courseId: z.uuid(),
  heldOn: z.iso.date(),
  place: text().optional(),
  trainer: text().optional(),
  employeeIds: z.array(z.uuid()).min(1).max(200),
});
export type SessionInput = z.infer<typeof SessionInput>;

/** Who attended a held session; the others on its list are marked absent. */
export const AttendanceInput = z.object({ attended: z.array(z.uuid()).max(200) });
export type AttendanceInput = z.infer<typeof AttendanceInput>;

/** A variable symbol: up to 10 digits (the payment symbols of Czech domestic payments). */
const VariableSymbol = z
  .string()
  .trim()
  .regex(/^\d{1,10}$/, fm.symbol.ref);
const Account = z.string().trim().min(1).max(60);

/** The employer's payment settings for payroll (`PUT /payroll/payment-settings`); accounts as IBAN or Czech number. */
export const PaymentSettingsInput = z.object({
  debitAccount: Account.nullable().optional(),
  departmentAccounts: z
    .array(z.object({ department: z.string().trim().min(1).max(200), account: Account }))
    .max(200)
    .optional(),
  cssz: z.object({ account: Account, variableSymbol: VariableSymbol }).nullable().optional(),
  insurers: z
    .array(z.object({ insurer: z.enum(INSURERS), account: Account, variableSymbol: VariableSymbol }))
    .max(INSURERS.length)
    .optional(),
  taxOffice: z
    .object({
      advancesAccount: Account,
      withholdingAccount: Account.nullable().optional(),
      variableSymbol: VariableSymbol,
    })
    .nullable()
    .optional(),
  /** The day of the following month the run's payments leave (at most the 20th, the statutory due day). */
  payDay: z.number().int().min(1).max(20),
});
export type PaymentSettingsInput = z.infer<typeof PaymentSettingsInput>;
