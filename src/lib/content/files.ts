/** Reads the content tree from disk for the content check (build and CLI). */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ContentFile } from './check.ts';

const TEXT = /\.(mdx?|ya?ml)$/;

/** Every text file under `dir` as a ContentFile, plus the other files' paths (images). */
export function readContentTree(root: string, dir = 'content'): { files: ContentFile[]; assets: string[] } {
  const files: ContentFile[] = [];
  const assets: string[] = [];
  for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = relative(root, join(entry.parentPath, entry.name)).split(sep).join('/');
    if (TEXT.test(entry.name)) files.push({ path, source: readFileSync(join(root, path), 'utf8') });
    else assets.push(path);
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  return { files, assets: assets.sort() };
}
