/** Bytes on disk under a folder (benchmarks report index sizes). */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function sizeOf(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);
}
