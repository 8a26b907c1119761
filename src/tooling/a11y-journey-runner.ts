/**
 * Runs one keyboard-only journey in its own browser context: opens its start
 * address (the only address opened directly), then runs its steps in order
 * with a KeyboardDriver. The first failing step ends the journey; the rest
 * are reported as not run. Pages reached in a new state (an error summary
 * after a bad submit, a result page) are checked with axe on the way.
 */
import type { Browser, Page } from 'playwright-core';
import type { AuditedPage, JourneyResult, JourneyStepResult } from '#lib/site/a11y-report.ts';
import { axeViolations } from './browser.ts';
import { JourneyFailure, KeyboardDriver, sitePath } from './a11y-keyboard.ts';

/** A demo account a journey signs in with. */
export interface JourneyAccount {
  email: string;
  password: string;
}

/** What a step gets: the keyboard, the page (to read, never to click or navigate), the journey's account and axe. */
export interface JourneyContext {
  kb: KeyboardDriver;
  page: Page;
  account: JourneyAccount | null;
  /** Runs axe on the page as it stands; `state` names it in the report. */
  axe: (state: string) => Promise<void>;
}

export interface JourneyStep {
  name: string;
  run: (j: JourneyContext) => Promise<void>;
}

export interface Journey {
  role: string;
  title: string;
  /** Demo account the journey signs in with by keyboard (its steps do it, with `signIn`), or null. */
  account: JourneyAccount | null;
  /** Site path opened directly; everything after it is reached by keyboard. */
  start: string;
  steps: JourneyStep[];
}

/** Runs `journey` against the site at `base`; never throws for a failed step. */
export async function runJourney(
  browser: Browser,
  base: string,
  journey: Journey,
): Promise<{ result: JourneyResult; pages: AuditedPage[] }> {
  const started = performance.now();
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const kb = new KeyboardDriver(page);
  const pages: AuditedPage[] = [];
  const axe = async (state: string) => {
    pages.push({
      url: new URL(page.url()).pathname,
      type: `${state} (resa: ${journey.role})`,
      title: await page.title(),
      axe: await axeViolations(page),
      other: [],
    });
  };
  const steps: JourneyStepResult[] = [];
  let failure: { step: string; reason: string } | null = null;
  const open: JourneyStep = {
    name: `Öppnar ${journey.start}`,
    run: async () => void (await page.goto(base + journey.start)),
  };
  try {
    for (const step of [open, ...journey.steps]) {
      if (failure) {
        steps.push({ name: step.name, status: 'skipped' });
        continue;
      }
      const t = performance.now();
      const seconds = () => Math.round((performance.now() - t) / 100) / 10;
      try {
        await step.run({ kb, page, account: journey.account, axe });
        steps.push({ name: step.name, status: 'passed', seconds: seconds() });
      } catch (e) {
        // A JourneyFailure already names the element and page; anything else is a broken expectation.
        const reason =
          e instanceof JourneyFailure ? e.message : `${(e as Error).message.split('\n')[0]} (${sitePath(page.url())})`;
        failure = { step: step.name, reason };
        steps.push({ name: step.name, status: 'failed', problem: reason, seconds: seconds() });
      }
    }
  } finally {
    await context.close();
  }
  return {
    result: {
      role: journey.role,
      account: journey.account?.email ?? null,
      title: journey.title,
      start: journey.start,
      steps,
      passed: failure === null,
      failedStep: failure?.step ?? null,
      reason: failure?.reason ?? null,
      keyPresses: kb.keyPresses,
      focusStops: kb.focusStops,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    },
    pages,
  };
}

/** Runs `journeys` one after another; all results, and every page axe checked on the way. */
export async function runJourneys(
  browser: Browser,
  base: string,
  journeys: Journey[],
): Promise<{ results: JourneyResult[]; pages: AuditedPage[]; seconds: number }> {
  const started = performance.now();
  const results: JourneyResult[] = [];
  const pages: AuditedPage[] = [];
  for (const journey of journeys) {
    const run = await runJourney(browser, base, journey);
    results.push(run.result);
    pages.push(...run.pages);
  }
  return { results, pages, seconds: Math.round((performance.now() - started) / 1000) };
}
