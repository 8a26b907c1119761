/**
 * The keyboard-only journeys of the accessibility audit, one per demo role,
 * each following what that role does in Kompetensnav (issues 3–6). Every
 * step moves with real key presses only: the journey opens its start address
 * and from then on uses Tab, Shift+Tab, Enter, Space, arrow keys and typing.
 * The page is only read (to assert that the step did what it should).
 * The journeys write data (attempts, feedback, an agency, a user): run them
 * on their own freshly seeded database.
 */
import type { Journey } from '../a11y-journey-runner.ts';
import { admin } from './admin.ts';
import { manager } from './manager.ts';
import { participant } from './participant.ts';
import { trainer } from './trainer.ts';

/** The journeys, in the order the audit runs them. */
export const journeys: Journey[] = [participant, manager, trainer, admin];
