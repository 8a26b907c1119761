/**
 * Unique element ids for glossary terms in running text: one term can occur
 * several times on a page, and each occurrence needs its own popover id.
 * A counter per build process is enough (ids only need to differ within a page).
 */
let counter = 0;

/** "begrepp-<term>-<n>". */
export function termPopoverId(termId: string): string {
  counter += 1;
  return `begrepp-${termId}-${counter}`;
}
