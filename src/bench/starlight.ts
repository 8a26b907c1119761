/**
 * The peer the benchmarks compare against: a default Starlight site with
 * `lang: 'sv'` and its Pagefind search, built from the same generated corpus.
 * Starlight is installed on demand into .bench/starlight (gitignored, never a
 * project dependency), pinned to a version that supports our Astro.
 *
 * Layout: .bench/starlight/{package.json, astro.config.mjs, src/content.config.ts,
 * src/content/docs/<kurs>/…mdx}; its build goes to .bench/starlight/dist.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measure, type Measured } from './measure.ts';

/** Current Starlight (npm view @astrojs/starlight: 0.42.4, peer astro ^7.2.10). */
export const STARLIGHT_VERSION = '0.42.4';
export const STARLIGHT_DIR = '.bench/starlight';
export const STARLIGHT_DIST = `${STARLIGHT_DIR}/dist`;

const astroVersion = (): string =>
  (JSON.parse(readFileSync('node_modules/astro/package.json', 'utf8')) as { version: string }).version;

const CONFIG = `import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
  integrations: [
    starlight({
      title: 'Kursbibliotek',
      defaultLocale: 'root',
      locales: { root: { label: 'Svenska', lang: 'sv' } },
    }),
  ],
});
`;

const CONTENT_CONFIG = `import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };
`;

const HOME = `---\ntitle: Kursbibliotek\ndescription: Alla kurser.\n---\n\nVälj en kurs i menyn.\n`;

/** Installs Starlight and our Astro version into .bench/starlight unless they are there. */
export function ensureStarlight(): void {
  const installed = (pkg: string) => {
    const file = join(STARLIGHT_DIR, 'node_modules', pkg, 'package.json');
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : null;
  };
  if (installed('@astrojs/starlight') === STARLIGHT_VERSION && installed('astro') === astroVersion()) return;
  mkdirSync(STARLIGHT_DIR, { recursive: true });
  const vite = (JSON.parse(readFileSync('package.json', 'utf8')) as { overrides?: { vite?: string } }).overrides?.vite;
  writeFileSync(
    join(STARLIGHT_DIR, 'package.json'),
    JSON.stringify(
      {
        name: 'bench-starlight',
        private: true,
        type: 'module',
        dependencies: { '@astrojs/starlight': STARLIGHT_VERSION, astro: astroVersion() },
        // The same Vite pin as the project (see README, Beroenden).
        ...(vite ? { overrides: { vite } } : {}),
      },
      null,
      2,
    ),
  );
  console.log(`Installerar Starlight ${STARLIGHT_VERSION} med astro ${astroVersion()} i ${STARLIGHT_DIR} …`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', STARLIGHT_DIR], { stdio: 'inherit' });
}

/** Copies the generated corpus into the Starlight site's docs collection. */
export function writeStarlightSite(corpusDir: string): void {
  ensureStarlight();
  writeFileSync(join(STARLIGHT_DIR, 'astro.config.mjs'), CONFIG);
  mkdirSync(join(STARLIGHT_DIR, 'src'), { recursive: true });
  writeFileSync(join(STARLIGHT_DIR, 'src/content.config.ts'), CONTENT_CONFIG);
  const docs = join(STARLIGHT_DIR, 'src/content/docs');
  rmSync(docs, { recursive: true, force: true });
  cpSync(corpusDir, docs, { recursive: true });
  writeFileSync(join(docs, 'index.mdx'), HOME);
}

/** Removes every cache a build could reuse, so the next build is cold. */
export function coldStarlight(): void {
  for (const dir of ['dist', '.astro', 'node_modules/.astro', 'node_modules/.vite'])
    rmSync(join(STARLIGHT_DIR, dir), { recursive: true, force: true });
}

/** One cold Starlight build of the site written by writeStarlightSite. */
export async function buildStarlight(): Promise<Measured> {
  coldStarlight();
  return measure(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], { cwd: STARLIGHT_DIR });
}
