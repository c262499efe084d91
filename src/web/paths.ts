// Where the browser sources live and where their build goes, whether this code runs from src/ (ts-jest) or dist/src/ (built).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The project root: the nearest folder above this file that holds a
 * package.json. Throws when there is none (the code was copied out of its
 * project).
 */
export function projectRoot(): string {
  let folder = __dirname;
  for (;;) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${__dirname}`);
    folder = parent;
  }
}

/** The built browser files and their manifest: `<root>/dist/web`. */
export function webBuildDir(root = projectRoot()): string {
  return join(root, 'dist', 'web');
}

/** The browser sources: `<root>/src/web/browser`. */
export function browserSourceDir(root = projectRoot()): string {
  return join(root, 'src', 'web', 'browser');
}
