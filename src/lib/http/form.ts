/**
 * The one way a page handles a form post (issue 20): `submitForm` reads the
 * body (413 over the limit, 415 for other content types, 400 for malformed,
 * repeated or non-UTF-8 fields), validates it with a zod schema that lists
 * exactly what may be set, and answers every validation error with 400 and
 * Swedish per-field messages for the error summary. Messages a schema does
 * not set come from `swedishIssue`, so zod's English defaults never reach a
 * person. A page then acts on `data`, and reports what its action refused
 * with `refuse`, which keeps the status rules in one place.
 *
 * Fields render with `Field.astro` (ids `f-<field>`, which the error summary
 * links to).
 */
import type { z } from 'astro/zod';

export interface FieldError {
  /** The form field's name; the input's id is `f-<field>`. */
  field: string;
  message: string;
}

export type FormRead =
  | { ok: true; fields: Record<string, string>; files: Record<string, File> }
  | { ok: false; status: 400 | 413 | 415; error: string };

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/** Reads a form post's fields. */
export async function readForm(request: Request): Promise<FormRead> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!FORM_TYPES.includes(type))
    return { ok: false, status: 415, error: 'Formuläret skickades i ett format som inte stöds.' };
  let data: FormData;
  try {
    data = await request.formData();
  } catch (err) {
    if (err instanceof Error && /body size limit/i.test(`${err.message} ${String(err.cause ?? '')}`)) {
      return { ok: false, status: 413, error: 'Det du skickade är för stort (högst 1 MB).' };
    }
    return { ok: false, status: 400, error: 'Formuläret kunde inte läsas. Ladda om sidan och försök igen.' };
  }
  const fields: Record<string, string> = {};
  const files: Record<string, File> = {};
  for (const [key, value] of data) {
    if (key in fields || key in files)
      return { ok: false, status: 400, error: `Fältet "${key.slice(0, 40)}" skickades flera gånger.` };
    // The platform decodes invalid UTF-8 as U+FFFD: refuse it instead of storing a replaced character.
    if (typeof value === 'string' && (value.includes('\uFFFD') || key.includes('\uFFFD')))
      return {
        ok: false,
        status: 400,
        error: 'Formuläret innehöll tecken som inte är giltig UTF-8-teckenkodning. Skriv in texten igen.',
      };
    if (typeof value === 'string') fields[key] = value;
    else files[key] = value;
  }
  return { ok: true, fields, files };
}

/** A Swedish message for an issue whose schema did not set one (never zod's English default). */
export function swedishIssue(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'Fyll i fältet.' : 'Fältet har fel format.';
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) <= 1
        ? 'Fyll i fältet.'
        : `Skriv minst ${String(issue.minimum)} tecken.`;
    case 'too_big':
      return `Skriv högst ${String(issue.maximum)} tecken.`;
    case 'invalid_value':
    case 'invalid_union':
      return 'Välj ett av alternativen.';
    case 'invalid_format':
      return issue.format === 'email' ? 'Ange en giltig e-postadress.' : 'Fältet har fel format.';
    case 'unrecognized_keys':
      return 'Formuläret innehöll fält som inte får ändras här.';
    default:
      return 'Värdet godtas inte. Kontrollera fältet och försök igen.';
  }
}

export type Validated<T> = { ok: true; data: T } | { ok: false; errors: FieldError[] };

/** Validates fields against a schema; unknown fields are reported, not ignored. */
export function validate<S extends z.ZodType>(schema: S, fields: unknown): Validated<z.output<S>> {
  const result = schema.safeParse(fields, { error: swedishIssue });
  if (result.success) return { ok: true, data: result.data };
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of result.error.issues) {
    const field = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : String(issue.path[0] ?? 'form');
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message: issue.message });
  }
  return { ok: false, errors };
}

/** The message for one field, for the inline error next to it. */
export function fieldError(errors: FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}

/** What a form page shows: field errors, a message not tied to a field, and the values to fill in again. */
export interface FormState {
  errors: FieldError[];
  message: string | undefined;
  values: Record<string, string>;
}

/** The parts of Astro's page context a form needs. */
export interface FormContext {
  request: Request;
  response: { status?: number | undefined };
}

/** A read and validated post; a failed one still carries the uploaded files when the body could be read. */
export type Submission<T> =
  | { ok: true; data: T; files: Record<string, File>; state: FormState }
  | { ok: false; state: FormState; files: Record<string, File> };

/** An empty state (GET, or before a post). */
export function formState(): FormState {
  return { errors: [], message: undefined, values: {} };
}

/**
 * Reads and validates a POSTed form against `schema`; on failure sets the
 * response status (400/413/415) and returns the state to render. Call it
 * only for POST: the page decides which methods it handles.
 */
export async function submitForm<S extends z.ZodType>(ctx: FormContext, schema: S): Promise<Submission<z.output<S>>> {
  const state = formState();
  const form = await readForm(ctx.request);
  if (!form.ok) {
    ctx.response.status = form.status;
    state.message = form.error;
    return { ok: false, state, files: {} };
  }
  state.values = form.fields;
  const parsed = validate(schema, form.fields);
  if (!parsed.ok) {
    ctx.response.status = 400;
    state.errors = parsed.errors;
    return { ok: false, state, files: form.files };
  }
  return { ok: true, data: parsed.data, files: form.files, state };
}

/** Records what the page's action refused (a field error or a message) with its status, 400 unless told. */
export function refuse(ctx: FormContext, state: FormState, refusal: FieldError[] | string, status = 400): FormState {
  ctx.response.status = status;
  if (typeof refusal === 'string') state.message = refusal;
  else state.errors = refusal;
  return state;
}
