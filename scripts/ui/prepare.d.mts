// Types for prepare.mjs (the TypeScript tests import it).
export declare const CODE_SERVER_VERSION: string;
export declare const NODE_PACKAGE: string;
export declare const CHROMIUM: string;

export interface UiPaths {
  cache: string;
  toolsDir: string;
  nodeDir: string;
  nodeBin: string;
  codeServerDir: string;
  codeServerEntry: string;
  chromium: string;
  marker: string;
}

export declare function cacheDir(): string;
export declare function paths(cache?: string): UiPaths;
export declare function codeServerEnv(p?: UiPaths, base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export declare function isReady(p?: UiPaths): boolean;
export declare function prepare(options?: { quiet?: boolean }): Promise<UiPaths>;
