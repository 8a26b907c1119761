/**
 * The "choose a new password" form shared by /konto/losenord and the reset
 * link page: the two entries must match and pass the policy.
 */
import { z } from 'astro/zod';
import { checkPassword, PASSWORD_MAX, type PasswordContext } from './password-policy.ts';
import type { FieldError } from '#lib/http/form.ts';

const NewPassword = {
  newPassword: z
    .string({ error: 'Ange ett nytt lösenord.' })
    .max(PASSWORD_MAX * 4, { error: `Lösenordet får ha högst ${PASSWORD_MAX} tecken.` }),
  repeatPassword: z
    .string({ error: 'Upprepa det nya lösenordet.' })
    .max(PASSWORD_MAX * 4, { error: 'Upprepningen är för lång.' }),
};

export const ChangePasswordForm = z.strictObject({
  currentPassword: z.string({ error: 'Ange ditt nuvarande lösenord.' }).max(4096),
  ...NewPassword,
});
export const ResetPasswordForm = z.strictObject(NewPassword);

/** Field errors for a proposed new password, or none. */
export function newPasswordErrors(
  fields: { newPassword: string; repeatPassword: string },
  context: PasswordContext,
): FieldError[] {
  const policy = checkPassword(fields.newPassword, context);
  if (!policy.ok) return [{ field: 'newPassword', message: policy.error }];
  if (fields.newPassword.normalize('NFC') !== fields.repeatPassword.normalize('NFC')) {
    return [{ field: 'repeatPassword', message: 'Lösenorden är inte likadana. Skriv samma lösenord två gånger.' }];
  }
  return [];
}
