/**
 * The zod schemas for the administration forms. Each lists exactly the
 * fields that form may set (strict: anything else is a 400), so a posted
 * `role=admin` or `agencyId` cannot sneak into a form that does not offer it.
 */
import { z } from 'astro/zod';
import { MANAGER_SCOPES, ROLES } from '#db/schema.ts';
import { emailField, hasInvisibleCharacters, nameField, normalizeText } from '#lib/http/text-input.ts';

/** A database id from a form field or URL. */
export const idField = z
  .string({ error: 'Välj ett värde.' })
  .regex(/^[1-9][0-9]{0,9}$/, { error: 'Välj ett värde i listan.' })
  .transform(Number);

/** An optional id: empty means none. */
export const optionalIdField = z
  .string()
  .regex(/^([1-9][0-9]{0,9})?$/, { error: 'Välj ett värde i listan.' })
  .transform((v) => (v === '' ? null : Number(v)));

const organisationName = z
  .string({ error: 'Ange ett namn.' })
  .transform(normalizeText)
  .pipe(
    z
      .string()
      .min(2, { error: 'Namnet måste ha minst 2 tecken.' })
      .max(120, { error: 'Namnet får ha högst 120 tecken.' })
      .refine((v) => !hasInvisibleCharacters(v), { error: 'Namnet innehåller osynliga tecken eller styrtecken.' }),
  );

export const AgencyForm = z.strictObject({
  name: organisationName,
  code: z
    .string({ error: 'Ange ett kortnamn.' })
    .transform((v) => normalizeText(v).toUpperCase())
    .pipe(z.string().regex(/^[A-ZÅÄÖ]{2,6}$/, { error: 'Kortnamnet ska vara 2–6 bokstäver, till exempel PM.' })),
});

export const TeamForm = z.strictObject({ agencyId: idField, name: organisationName });

const roleField = z.enum(ROLES, { error: 'Välj en roll.' });
const scopeField = z
  .enum(['', ...MANAGER_SCOPES], { error: 'Välj team eller hela myndigheten.' })
  .transform((v) => (v === '' ? null : v));

/** Admins create any account. */
export const AdminCreateUserForm = z.strictObject({
  name: nameField,
  email: emailField,
  agencyId: idField,
  teamId: optionalIdField,
  role: roleField,
  managerScope: scopeField,
});

/** Agency managers create learners in their own agency: no agency, no role. */
export const ManagerCreateUserForm = z.strictObject({
  name: nameField,
  email: emailField,
  teamId: optionalIdField,
});

/** The actions on one account; which ones an actor may use is decided by the page. */
export const UserActionForm = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ action: z.literal('roll'), role: roleField, managerScope: scopeField, teamId: optionalIdField }),
    z.strictObject({ action: z.literal('inaktivera') }),
    z.strictObject({ action: z.literal('aktivera') }),
    z.strictObject({ action: z.literal('aterstallningslank') }),
    z.strictObject({ action: z.literal('logga-ut-overallt') }),
  ],
  { error: 'Okänd åtgärd.' },
);

/** The audit log's filters (query string). */
export const AuditFilterQuery = z.strictObject({
  action: z
    .string()
    .max(60)
    .optional()
    .transform((v) => v || undefined),
  outcome: z
    .enum(['', 'ok', 'failed', 'denied', 'locked'])
    .optional()
    .transform((v) => v || undefined),
  agencyId: optionalIdField.optional().transform((v) => v ?? undefined),
  actor: z
    .string()
    .max(254)
    .optional()
    .transform((v) => (v ? normalizeText(v).toLowerCase() : undefined)),
  from: z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, { error: 'Ange datum som ÅÅÅÅ-MM-DD.' })
    .optional()
    .transform((v) => v || undefined),
  to: z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, { error: 'Ange datum som ÅÅÅÅ-MM-DD.' })
    .optional()
    .transform((v) => v || undefined),
});

/** The user list's filters (query string). */
export const UserFilterQuery = z.strictObject({
  q: z
    .string()
    .max(100)
    .optional()
    .transform((v) => (v ? normalizeText(v) : undefined)),
  agencyId: optionalIdField.optional().transform((v) => v ?? undefined),
  teamId: optionalIdField.optional().transform((v) => v ?? undefined),
  skapad: z.string().max(12).optional(),
});
