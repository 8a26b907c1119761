/**
 * The most common passwords, refused when a password is chosen (ASVS 6.2.4).
 *
 * Built once at load from well-known lists and the patterns people use to
 * satisfy old composition rules: a common word (English and Swedish) alone or
 * followed by a year, a season-year, "1", "123", "!" and the like. Several
 * thousand entries; the check is a Set lookup on the lower-cased password.
 */

/** Passwords that top every published breach list. */
const TOP = `123456 123456789 12345678 password qwerty123 qwerty1 111111 12345 secret 123123 1234567890
1234567 000000 qwerty abc123 password1 iloveyou 654321 123321 666666 987654321 1q2w3e4r 1q2w3e4r5t
qwertyuiop 123qwe zxcvbnm 1qaz2wsx qazwsx 7777777 112233 121212 555555 88888888 11111111 00000000
12341234 asdfghjk asdfasdf qwer1234 password123 passw0rd p@ssw0rd p@ssword admin123 administrator
letmein welcome welcome1 monkey dragon football baseball sunshine princess trustno1 superman batman
starwars master shadow michael jennifer jordan23 whatever freedom computer internet corvette mustang
liverpool chelsea arsenal charlie donald hello123 hejhej123 abcd1234 abcdefgh aaaaaaaa zaq12wsx
changeme changeme1 default guest1234 test1234 testtest access14 killer harley ranger hunter2 iloveyou1`;

/** Words that, alone or with a number, make up most weak passwords (English and Swedish). */
const WORDS = `password passord passwort lösenord losenord losen lösen sommar vinter vår var höst host
januari februari mars april maj juni juli augusti september oktober november december
måndag mandag fredag sverige svenska stockholm göteborg goteborg malmö malmo uppsala
kärlek karlek älskling alskling hemligt hemlig mamma pappa familjen blomma solsken
fotboll hockey kalle anka kallekula pelle lisa anna erik lars johan karin maria sara emma
försäkringskassan forsakringskassan fkassan kassan pension pensionsmyndigheten arbetsförmedlingen
arbetsformedlingen myndighet kompetensnav kompetens välkommen valkommen hejsan hejhej
qwerty asdf admin login welcome letmein master monkey dragon football baseball sunshine princess
superman batman shadow michael jennifer hello love iloveyou secret summer winter spring autumn
monday friday january test guest user changeme default abc qwertz azerty access trustno`;

const YEARS = Array.from({ length: 2030 - 1960 + 1 }, (_, i) => String(1960 + i));
const NUMBERS = ['1', '12', '123', '1234', '12345', '123456', '01', '007', '11', '69', '99', '00', '2', '22', '321'];
const MARKS = ['!', '!!', '?', '.', '#', '@', '1!', '123!', '!1'];

function build(): Set<string> {
  const list = new Set<string>(TOP.split(/\s+/).filter(Boolean));
  for (const word of WORDS.split(/\s+/).filter(Boolean)) {
    const stems = [word, word[0].toUpperCase() + word.slice(1)].map((w) => w.toLowerCase());
    for (const stem of new Set(stems)) {
      list.add(stem);
      for (const tail of [...YEARS, ...YEARS.map((y) => y.slice(2)), ...NUMBERS, ...MARKS]) {
        list.add(stem + tail);
        list.add(tail + stem);
      }
      for (const year of YEARS.slice(-20)) list.add(`${stem}${year}!`);
    }
  }
  for (let d = 0; d <= 9; d++) for (let n = 8; n <= 12; n++) list.add(String(d).repeat(n));
  return list;
}

let cached: Set<string> | null = null;

/** The refused passwords, lower-cased. */
export function commonPasswords(): Set<string> {
  cached ??= build();
  return cached;
}

/** True when the password (compared lower-cased, NFC) is on the list. */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.normalize('NFC').toLowerCase());
}
