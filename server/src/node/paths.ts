import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Where downloaded data models and contexts are cached: MIM_CACHE_DIR, else the user's cache folder. */
export function defaultCacheDir(): string {
  if (process.env.MIM_CACHE_DIR) return process.env.MIM_CACHE_DIR;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'mim-aware');
}

/**
 * A path from the settings as a file URI: `~` is the home folder, a relative path is relative to the
 * workspace folder of the resource (or the working folder when there is none).
 */
export function resolveSettingPath(path: string, folder: string | undefined): string | undefined {
  const trimmed = path.trim();
  if (trimmed === '') return undefined;
  if (trimmed.startsWith('file:')) return trimmed;
  const expanded = trimmed === '~' || trimmed.startsWith('~/') ? join(homedir(), trimmed.slice(1)) : trimmed;
  if (isAbsolute(expanded)) return pathToFileURL(expanded).toString();
  const base = folder?.startsWith('file:') ? fileURLToPath(folder) : process.cwd();
  return pathToFileURL(resolve(base, expanded)).toString();
}
