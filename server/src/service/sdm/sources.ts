/**
 * Where data models come from, and how the absolute `$ref` URLs of Smart Data Models map onto local
 * folders (the layout of the published site and of a checkout of the repositories is the same).
 */
import { baseName, isFileLike, joinUri, parentUri } from '../runtime';

export const PUBLISHED_SITE = 'https://smart-data-models.github.io/';
const RAW_PREFIX = /^https:\/\/raw\.githubusercontent\.com\/smart-data-models\/([^/]+)\/(?:master|main)\/(.*)$/;

export interface CatalogConfig {
  /** Workspace folders searched for their own `schema.json` files (file URIs). */
  workspaceFolders: readonly string[];
  /** `mim.dataModels.folders`: more folders of data models (file URIs). */
  modelFolders: readonly string[];
  /** `mim.dataModels.schemas`: single schema files (file URIs) or URLs. */
  modelSchemas: readonly string[];
  /** `mim.sdm.root`: a local checkout of Smart Data Models repositories (file URI). */
  sdmRoot: string | undefined;
  /** Downloads are allowed (a setting, and a trusted workspace). */
  download: boolean;
  /** Where the published site is (tests point it at 127.0.0.1). */
  baseUrl: string;
  /** URL to local file (file URI), from `mim.contexts.map`. */
  mappings?: Readonly<Record<string, string>>;
  /** Hosts other documents (contexts) may be downloaded from. */
  allowedHosts?: readonly string[];
}

export type ModelSourceKind = 'workspace' | 'settings' | 'sdm-root' | 'download';

export const DEFAULT_ALLOWED_HOSTS = ['smart-data-models.github.io', 'raw.githubusercontent.com', 'uri.etsi.org', 'forge.etsi.org'];

export const SOURCE_LABELS: Readonly<Record<ModelSourceKind, string>> = {
  workspace: 'the workspace',
  settings: 'mim.dataModels',
  'sdm-root': 'the local Smart Data Models checkout (mim.sdm.root)',
  download: 'the Smart Data Models site (downloaded)',
};

/**
 * A published Smart Data Models URL as (repository, path inside it), or undefined for other URLs. Both the
 * github.io site and raw.githubusercontent.com name the same files.
 */
export function sdmLocation(url: string, baseUrl = PUBLISHED_SITE): { repo: string; path: string } | undefined {
  const clean = url.replace(/#.*$/, '');
  for (const prefix of [PUBLISHED_SITE, baseUrl]) {
    if (clean.startsWith(prefix)) {
      const rest = clean.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash <= 0) return undefined;
      return { repo: rest.slice(0, slash), path: rest.slice(slash + 1) };
    }
  }
  const raw = RAW_PREFIX.exec(clean);
  if (raw) return { repo: raw[1]!, path: raw[2]! };
  return undefined;
}

/** The download address of a Smart Data Models document on the configured site. */
export function downloadUrl(location: { repo: string; path: string }, baseUrl: string): string {
  return baseUrl.replace(/\/?$/, '/') + location.repo + '/' + location.path;
}

/**
 * Local files that may hold the document at `url`: in each root that holds the repository as a folder, in
 * each root that is the repository itself, and next to the repository folder that holds `nearFile`.
 */
export function localCandidates(url: string, roots: readonly string[], nearFile: string | undefined, baseUrl: string): string[] {
  const location = sdmLocation(url, baseUrl);
  if (!location) return isFileLike(url) ? [url.replace(/#.*$/, '')] : [];
  const out: string[] = [];
  const add = (uri: string) => {
    if (!out.includes(uri)) out.push(uri);
  };
  if (nearFile) {
    // Walk up from the file that holds the reference to the folder of its own repository.
    for (let dir = parentUri(nearFile), i = 0; i < 6 && dir.includes('/'); dir = parentUri(dir), i++) {
      const name = baseName(dir);
      if (name === location.repo) add(joinUri(dir, location.path));
      if (name.startsWith('dataModel.') || name === 'data-models') add(joinUri(parentUri(dir), location.repo, location.path));
    }
  }
  for (const root of roots) {
    if (baseName(root) === location.repo) add(joinUri(root, location.path));
    add(joinUri(root, location.repo, location.path));
  }
  return out;
}
