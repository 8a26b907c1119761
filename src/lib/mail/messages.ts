/**
 * The texts of the account e-mails, in Swedish, plain text. Pure: each
 * returns an `OutgoingMail` for `queueMail`; links are absolute (public origin).
 */
import type { OutgoingMail } from './outbox.ts';
import { absoluteUrl as publicUrl } from '#lib/http/public-origin.ts';

const SIGNATURE = '\n\n— Kompetensnav\nDet här brevet skickades automatiskt. Svara inte på det.';

function stamp(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The link a person chooses a password with. */
export function resetLink(token: string): string {
  return publicUrl(`/konto/aterstall/${token}`);
}

/** A new or imported account: choose your first password. */
export function invitationMail(to: { email: string; name: string }, token: string, expiresAt: Date): OutgoingMail {
  return {
    to: to.email,
    kind: 'invitation',
    subject: 'Välkommen till Kompetensnav – välj ditt lösenord',
    text:
      `Hej ${to.name}!\n\nDu har fått ett konto i Kompetensnav, kursplattformen för myndigheter. ` +
      `Välj ditt lösenord med länken nedan. Den fungerar en gång och gäller till ${stamp(expiresAt)}.\n\n` +
      `${resetLink(token)}\n\nDitt användarnamn är din e-postadress: ${to.email}` +
      SIGNATURE,
  };
}

/** Self-service "Glömt lösenord?". */
export function resetMail(to: { email: string; name: string }, token: string, expiresAt: Date): OutgoingMail {
  return {
    to: to.email,
    kind: 'password.reset-link',
    subject: 'Välj ett nytt lösenord till Kompetensnav',
    text:
      `Hej ${to.name}!\n\nNågon (förhoppningsvis du) bad om en länk för att välja ett nytt lösenord till Kompetensnav. ` +
      `Länken fungerar en gång och gäller till ${stamp(expiresAt)}:\n\n${resetLink(token)}\n\n` +
      'Bad du inte om det? Då kan du strunta i det här brevet: ditt lösenord är oförändrat.' +
      SIGNATURE,
  };
}

/** A notice after a change to how the person signs in. */
export function securityNoticeMail(
  to: { email: string; name: string },
  what: 'password' | 'second-factor-on' | 'second-factor-off' | 'recovery-codes',
  at = new Date(),
): OutgoingMail {
  const [subject, change] = {
    password: ['Ditt lösenord har bytts', 'Lösenordet till ditt konto i Kompetensnav har bytts'],
    'second-factor-on': [
      'Tvåstegsverifiering påslagen',
      'Tvåstegsverifiering har slagits på för ditt konto i Kompetensnav',
    ],
    'second-factor-off': [
      'Tvåstegsverifiering avstängd',
      'Tvåstegsverifiering har stängts av för ditt konto i Kompetensnav',
    ],
    'recovery-codes': ['Nya reservkoder', 'Nya reservkoder har skapats för ditt konto i Kompetensnav'],
  }[what];
  return {
    to: to.email,
    kind: `notice.${what}`,
    subject: `${subject} – Kompetensnav`,
    text:
      `Hej ${to.name}!\n\n${change} (${stamp(at)}).\n\n` +
      'Var det du? Då behöver du inte göra något.\n' +
      `Var det inte du? Välj ett nytt lösenord på ${publicUrl('/konto/glomt-losenord')} och kontakta din myndighets administratör.` +
      SIGNATURE,
  };
}
