/** Demo mode: everything `npm start` shows a newcomer, never in production (KOMPETENSNAV_MODE=production). */
export function isDemoMode(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.KOMPETENSNAV_MODE !== 'production';
}
