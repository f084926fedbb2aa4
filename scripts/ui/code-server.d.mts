// Types for code-server.mjs (the TypeScript tests import it).
export interface CodeServerOptions {
  /** The folder to open. */
  workspace: string;
  /** An extension package to install before starting. */
  vsix?: string;
  /** User settings, added to "workbench.startupEditor": "none". */
  settings?: Record<string, unknown>;
  /** Port on 127.0.0.1; a free one by default. */
  port?: number;
  /** How long to wait for code-server to answer (default 90 s). */
  timeoutMs?: number;
  /** Keep the temporary folder after stop() (default: $MIM_UI_KEEP is set). */
  keep?: boolean;
}

export interface CodeServer {
  /** The workbench URL with the workspace folder open. */
  url: string;
  /** http://127.0.0.1:PORT */
  base: string;
  port: number;
  workspace: string;
  /** The temporary folder holding user data, extensions, config and the log. */
  tmp: string;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  pid: number;
  /** Ends every process of the run and removes the temporary folder. Safe to call twice. */
  stop(): Promise<void>;
  /** What code-server printed so far. */
  log(): string;
}

export declare function freePort(): Promise<number>;
export declare function startCodeServer(options: CodeServerOptions): Promise<CodeServer>;
