// @ts-check
/**
 * Lint rules. Besides the recommended sets, they enforce the layering the
 * README's folder map describes:
 * - pages, components, layouts and content code never import db/ (pages get
 *   `locals.db` from the middleware and call feature modules in src/lib);
 * - only db/ itself touches the engine (better-sqlite3, db/sqlite/);
 * - imports across folders use the #-aliases of package.json, not ../../.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

// Patterns are regular expressions: the gitignore-style `group` form reads a leading # as a comment.
const deepRelative = {
  regex: '^\\.\\./\\.\\./',
  message: 'Importera via aliasen i package.json (#lib/…, #db/…, #components/…).',
};
const engine = [
  { regex: '(^#db/sqlite/|/db/sqlite/)', message: 'SQLite-maskineriet nås bara via db/ (client.ts, tx.ts, sql.ts).' },
  { regex: '^better-sqlite3$', message: 'Databasmotorn nås bara via db/.' },
];
const dataLayer = {
  regex: '(^#db/|(^|/)db/|^drizzle-orm($|/))',
  message:
    'Sidor, komponenter och innehållskod talar inte med databasen: använd Astro.locals.db och en modul i src/lib.',
};

export default tseslint.config(
  { ignores: ['dist/', '.astro/', 'data/', '.bench/', 'public/pagefind/', 'db/migrations/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Input cleaning strips control characters on purpose (text-input.ts, return-path.ts, feedback.ts).
      'no-control-regex': 'off',
      'no-restricted-imports': ['error', { patterns: [deepRelative, ...engine] }],
    },
  },
  {
    files: ['src/pages/**', 'src/components/**', 'src/layouts/**', 'src/lib/content/**', 'src/content.config.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [deepRelative, ...engine, dataLayer] }] },
  },
  {
    // The engine layer itself, the process entry points that start its machinery, and the tools
    // that measure or test it directly.
    files: ['db/**', 'src/cli/start.ts', 'src/cli/serve.ts', 'src/bench/**', 'test/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [deepRelative] }] },
  },
);
