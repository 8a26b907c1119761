/**
 * Certificate verification codes: `KN-XXXX-XXXX-XXXX`, 60 random bits in
 * Crockford base32 (no I, L, O, U: easy to read aloud and type from paper).
 * Parsing is forgiving about case, spaces and look-alike letters.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new random code. */
export function newCertificateCode(
  random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  const bytes = random(new Uint8Array(12));
  const chars = Array.from(bytes, (b) => ALPHABET[b & 31]);
  return `KN-${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8, 12).join('')}`;
}

/** The canonical code for user input ("kn-ab1c 2def-ghjk", "O" for "0"), or null when it cannot be one. */
export function parseCertificateCode(input: string): string | null {
  if (input.length > 40) return null;
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '').replace(/^KN/, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{12}$/.test(cleaned)) return null;
  return `KN-${cleaned.slice(0, 4)}-${cleaned.slice(4, 8)}-${cleaned.slice(8, 12)}`;
}
