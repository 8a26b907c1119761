import { getViteConfig } from 'astro/config';
import { configDefaults } from 'vitest/config';

export default getViteConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // test/postgres needs a PostgreSQL server: it runs in `npm run test:pg` (vitest.pg.config.ts), right after.
    exclude: [...configDefaults.exclude, 'test/postgres/**'],
    // Browser journeys start a real server and Chromium each: give them room, and run files one at a time
    // so two journeys never fight over the two cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
