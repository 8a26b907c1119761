/**
 * Reading and validating HTML form posts. `readForm` turns a request into
 * string fields (and files), answering 413 for bodies over the limit, 415 for
 * other content types and 400 for malformed or repeated fields, never a 500.
 * `validate` runs a zod schema that lists exactly what may be set and maps
 * its issues to per-field Swedish messages for the error summary.
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
    if (typeof value === 'string') fields[key] = value;
    else files[key] = value;
  }
  return { ok: true, fields, files };
}

export type Validated<T> = { ok: true; data: T } | { ok: false; errors: FieldError[] };

/** Validates fields against a schema; unknown fields are reported, not ignored. */
export function validate<S extends z.ZodType>(schema: S, fields: unknown): Validated<z.output<S>> {
  const result = schema.safeParse(fields);
  if (result.success) return { ok: true, data: result.data };
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of result.error.issues) {
    const field = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : String(issue.path[0] ?? 'form');
    const message =
      issue.code === 'unrecognized_keys' ? 'Formuläret innehöll fält som inte får ändras här.' : issue.message;
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message });
  }
  return { ok: false, errors };
}

/** The message for one field, for the inline error next to it. */
export function fieldError(errors: FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}
