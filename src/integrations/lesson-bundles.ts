/**
 * How the build bundles the lessons' MDX (measured on the 1,000-lesson
 * corpus of `npm run bench:build`; the trainers' content itself is not
 * touched, and the prerendered HTML is byte-for-byte the same).
 *
 * - Not into the on-demand server bundle. Astro builds the site twice: a
 *   prerender bundle (course and lesson pages, which render MDX) and a server
 *   bundle for on-demand routes. Any on-demand use of `astro:content` pulls in
 *   `astro:content-module-imports`, a lazy import of every MDX file, so the
 *   server build compiled all lessons a second time (~15 s of a 60 s build,
 *   2,000 chunks, 24 MB) for code no route runs: on-demand routes read
 *   entries' data (titles, quizzes) but never render() them. In the server
 *   build that module is replaced by one that holds only the end-of-course
 *   cases (their on-demand check page shows the scenario) and refuses the rest.
 * - No warning per lesson for the module-level directive Astro adds to MDX.
 * - One chunk per course in the prerender bundle instead of two per lesson:
 *   ~2,000 chunk files were each rendered, hashed, written and imported again
 *   for prerendering (2–3 s of CPU).
 */
import type { AstroIntegration } from 'astro';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const MODULE_IMPORTS = 'astro:content-module-imports';

/**
 * The server bundle's module map: only the end-of-course cases (`slutfall.mdx`), whose check page is on demand
 * and shows the scenario above the questions; any other entry refuses to render.
 */
function caseModulesOnly(moduleImportsFile: string): string {
  const lines = existsSync(moduleImportsFile) ? readFileSync(moduleImportsFile, 'utf8').split('\n') : [];
  const cases = lines.flatMap((line) => /^\["[^"]+\/slutfall\.mdx", \(\) => import\("[^"]+"\)\]/.exec(line) ?? []);
  return `const cases = new Map([
${cases.join(',\n')}
]);
const refuse = () => { throw new Error('render() av kursinnehåll går bara i förrenderade sidor: on-demand-sidor läser bara data, utom slutfallen (src/integrations/lesson-bundles.ts).'); };
export default { get: (id) => cases.get(id) ?? refuse };`;
}

function noRenderedContent(moduleImportsFile: string): Plugin {
  return {
    name: 'kompetensnav:no-rendered-content',
    apply: 'build',
    enforce: 'pre',
    applyToEnvironment: (environment) => environment.name === 'ssr',
    // Astro resolves the virtual id to .astro/content-modules.mjs (or a \0 id before the first sync).
    load: (id) =>
      id === moduleImportsFile || id === `\0${MODULE_IMPORTS}` ? caseModulesOnly(moduleImportsFile) : undefined,
  };
}

/** `…/content/<course>/07-exitplan.mdx?…` → `kurs-<course>`; other modules keep rolldown's own chunking. */
function courseChunk(id: string): string | null {
  const match = /\/([^/]+)\/[^/]+\.mdx(?:\?|$)/.exec(id);
  return match ? `kurs-${match[1]}` : null;
}

export function lessonBundles(): AstroIntegration {
  return {
    name: 'kompetensnav:lesson-bundles',
    hooks: {
      'astro:config:setup': ({ updateConfig, command, config }) => {
        if (command !== 'build') return;
        const moduleImports = fileURLToPath(new URL('.astro/content-modules.mjs', config.root));
        updateConfig({
          vite: {
            plugins: [noRenderedContent(moduleImports)],
            // Astro marks every MDX module with "use astro:head-inject" for its own analysis; rolldown warned
            // about each one (a code frame per lesson: 1,000 warnings, ~1 s, for nothing to act on).
            build: { rolldownOptions: { checks: { moduleLevelDirective: false } } },
            environments: {
              prerender: {
                build: { rolldownOptions: { output: { codeSplitting: { groups: [{ name: courseChunk }] } } } },
              },
            },
          },
        });
      },
    },
  };
}
