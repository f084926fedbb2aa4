/**
 * One data model catalog per distinct configuration (settings, workspace folders, trust), shared by every
 * document that has that configuration. Used by the language server and the CLI.
 */
import { ModelCatalog, type CatalogConfig, type Runtime, type Settings } from './service/index';

export interface CatalogContext {
  /** Workspace folders (file URIs), searched for the workspace's own data models. */
  workspaceFolders: readonly string[];
  /** Downloads may happen at all (a trusted workspace, a platform with network). */
  networkAllowed: boolean;
  /** Turns a folder or file named in settings into a file URI (relative paths, `~`). */
  resolvePath: (path: string) => string | undefined;
}

export class CatalogRegistry {
  private readonly catalogs = new Map<string, ModelCatalog>();

  constructor(
    private readonly runtime: Runtime,
    private readonly onChange: () => void,
  ) {}

  /** The catalog for a resource with these settings. */
  catalogFor(settings: Settings, context: CatalogContext): ModelCatalog {
    const config: CatalogConfig = {
      workspaceFolders: context.workspaceFolders,
      modelFolders: settings.dataModelFolders.map(context.resolvePath).filter((u): u is string => !!u),
      modelSchemas: settings.dataModelSchemas
        .map((s) => (/^https?:\/\//.test(s) ? s : context.resolvePath(s)))
        .filter((u): u is string => !!u),
      sdmRoot: settings.sdmRoot ? context.resolvePath(settings.sdmRoot) : undefined,
      download: settings.download && context.networkAllowed,
      baseUrl: settings.sdmBaseUrl,
      allowedHosts: settings.downloadHosts,
      mappings: Object.fromEntries(
        Object.entries(settings.contextMap)
          .map(([url, path]) => [url, context.resolvePath(path)])
          .filter((e): e is [string, string] => !!e[1]),
      ),
    };
    const key = JSON.stringify(config);
    let catalog = this.catalogs.get(key);
    if (!catalog) {
      catalog = new ModelCatalog(config, this.runtime, this.onChange);
      this.catalogs.set(key, catalog);
    }
    return catalog;
  }

  /** A file changed (or an open editor holds new text for it). */
  invalidate(uri?: string, text?: string): void {
    for (const catalog of this.catalogs.values()) catalog.invalidate(uri, text);
  }

  /** Settings or folders changed: start over. */
  clear(): void {
    this.catalogs.clear();
  }

  all(): ModelCatalog[] {
    return [...this.catalogs.values()];
  }
}
