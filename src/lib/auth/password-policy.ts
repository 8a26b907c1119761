/**
 * The password policy (ASVS 5.0 6.2, README "Konton, roller och inloggning"): at least 8 characters, up to
 * 256 allowed (64+ must be), no composition rules, never truncated, and not
 * one of the most common passwords or the user's own e-mail or name.
 * Characters are counted as Unicode code points after NFC normalisation.
 */
import { isCommonPassword } from './common-passwords.ts';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export type PasswordCheck = { ok: true } | { ok: false; error: string };

/** Context the password must not simply repeat. */
export interface PasswordContext {
  email?: string;
  name?: string;
}

/** Checks a proposed password; the error is a Swedish sentence for the form. */
export function checkPassword(password: string, context: PasswordContext = {}): PasswordCheck {
  const normalised = password.normalize('NFC');
  const length = [...normalised].length;
  if (length < PASSWORD_MIN) return { ok: false, error: `Lösenordet måste ha minst ${PASSWORD_MIN} tecken.` };
  if (length > PASSWORD_MAX) return { ok: false, error: `Lösenordet får ha högst ${PASSWORD_MAX} tecken.` };
  if (isCommonPassword(normalised)) {
    return {
      ok: false,
      error: 'Lösenordet är för vanligt och lätt att gissa. Välj ett annat, gärna en fras med flera ord.',
    };
  }
  const lower = normalised.toLowerCase();
  const personal = [context.email, context.email?.split('@')[0], context.name].filter(
    (s): s is string => !!s && s.length >= 3,
  );
  if (personal.some((p) => lower === p.normalize('NFC').toLowerCase())) {
    return { ok: false, error: 'Lösenordet får inte vara din e-postadress eller ditt namn.' };
  }
  return { ok: true };
}
