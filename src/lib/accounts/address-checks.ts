/**
 * Throttle for agency managers' look-ups of e-mail addresses (issue 20,
 * point 4): every create-user post and every CSV check or import by a
 * manager takes a token, so the forms cannot be used to test thousands of
 * addresses for an account in another agency. Admins, who see every
 * account anyway, are not throttled. In the database, like the sign-in
 * buckets, so every app process counts the same look-ups.
 */
import { TokenBuckets } from '#lib/auth/rate-limit.ts';

/** Per manager: 20 at once, then 20 an hour. */
export const addressChecksByActor = new TokenBuckets('address-checks', { capacity: 20, refillPerMinute: 20 / 60 });

export const ADDRESS_CHECKS_MESSAGE =
  'Du har kontrollerat många e-postadresser på kort tid. Vänta en stund och försök igen.';
