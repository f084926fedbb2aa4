/**
 * The custom requests between our client and our server. This file is the only code the client and the
 * server share; it holds names and shapes, no logic.
 */

/** Client to server: what the server knows about one document (shown in the status item). */
export const DocumentInfoRequest = 'mim/documentInfo';

export interface DocumentInfoParams {
  uri: string;
}

export interface DocumentInfo {
  /** Payload kind, for example "entity" or "ngsi-v2". */
  kind: string;
  /** The kind in words, for example "NGSI-LD entity". */
  label: string;
  /** Why the kind was chosen. */
  reason: string;
  /** Representation of the entities when the payload is NGSI-LD: normalized, concise, simplified or mixed. */
  representation?: string;
  /** The media type the file is sent with, from its extension. */
  mediaType?: string;
  errors: number;
  warnings: number;
  /** The data models the entities were checked against, or why not. */
  models: ModelInfo[];
}

export interface ModelInfo {
  type: string;
  /** ready, loading, unknown (no model found) or error. */
  state: string;
  title?: string;
  version?: string;
  /** Where the model came from, in words. */
  source?: string;
  schemaUri?: string;
  reason?: string;
}

/** Client to server: whether the workspace is trusted (downloads happen only in trusted workspaces). */
export const WorkspaceTrustNotification = 'mim/workspaceTrust';

export interface WorkspaceTrustParams {
  trusted: boolean;
}

/** Server to client: the documents the server checks changed status (the client refreshes its status item). */
export const StatusChangedNotification = 'mim/statusChanged';

export interface StatusChangedParams {
  uri: string;
}

/** Client to server: the text of a data model schema the server has read (downloaded models have no file). */
export const SchemaContentRequest = 'mim/schemaContent';

export interface SchemaContentParams {
  uri: string;
}

/** The command that opens a data model's schema; the code lens and the status item use it. */
export const OpenSchemaCommand = 'mim.openSchema';

/** Client to server: every safe fix of a document, as one edit (the "Fix all" command). */
export const FixAllRequest = 'mim/fixAll';

export interface FixAllParams {
  uri: string;
}

export interface FixAllResult {
  /** The edit to apply, or null when nothing is safe to fix. */
  edit: unknown | null;
  /** How many fixes the edit applies. */
  applied: number;
  /** Problems left after the fixes. */
  remaining: number;
}

/** Client to server: convert the entities of a document (or of a selection) to another representation. */
export const ConvertRequest = 'mim/convert';

export interface ConvertParams {
  uri: string;
  to: 'normalized' | 'concise' | 'simplified';
  /** A selection: only the entities (or, inside one entity, the attributes) it touches. */
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export interface ConvertResult {
  /** The edit to apply, or null when there is nothing to convert. */
  edit: unknown | null;
  converted: number;
  /** What the target form cannot carry, per attribute. */
  losses: { range?: { start: { line: number; character: number }; end: { line: number; character: number } }; message: string }[];
  /** Why nothing was converted. */
  reason?: string;
}

/** Client to server: check every file of the data model a file belongs to ("Check this data model"). */
export const CheckModelRequest = 'mim/checkModel';

export interface CheckModelParams {
  /** Any file of the model: its schema.json, one of its examples. */
  uri: string;
}

export interface CheckModelResult {
  /** Why nothing was checked (the file is not part of a model folder). */
  reason?: string;
  model?: string;
  folder?: string;
  status?: 'passed' | 'warnings' | 'errors';
  /** "2 errors (sdm/format 2), 1 warning (sdm-example/twin 1)", or "passed". */
  summary?: string;
  /** Each file checked, with its problems as LSP diagnostics. */
  files: { uri: string; diagnostics: unknown[] }[];
}

/**
 * Server to client: the text of a file, read by the client. The server in a browser worker has no file
 * system of its own; the workspace (vscode-vfs://, file:// and the like) is reachable through the editor only.
 */
export const ReadFileRequest = 'mim/readFile';

export interface ReadFileParams {
  uri: string;
}

/** The text of the file (UTF-8), or null when it does not exist or cannot be read. */
export type ReadFileResult = string | null;

/** Server to client: the entries of a folder, read by the client (see ReadFileRequest). */
export const ReadDirectoryRequest = 'mim/readDirectory';

export interface ReadDirectoryParams {
  uri: string;
}

export interface ReadDirectoryEntry {
  name: string;
  kind: 'file' | 'directory';
}

/** The entries of the folder (other kinds of entries left out), or null when it cannot be read. */
export type ReadDirectoryResult = ReadDirectoryEntry[] | null;

/** Client to server: the compliance report of folders ("MIM: Show compliance report"). */
export const ReportRequest = 'mim/report';

export interface ReportParams {
  /** The folders to report on (URIs); the workspace folders when absent or empty. */
  folders?: string[];
  /** The nonce of the page's style element, for the webview's Content-Security-Policy. */
  nonce?: string;
  /** The webview's own CSP source (webview.cspSource). */
  cspSource?: string;
}

export interface ReportResult {
  /** The page for the webview (its links run OpenLocationCommand), or null when there is none (see reason). */
  html: string | null;
  /** The same report in Markdown, links relative to the first folder. */
  markdown: string | null;
  /** Why there is no report: no folder, or the request was cancelled. */
  reason?: string;
  /** JSON files read. */
  files: number;
  /** Files with an error, and how many errors and warnings in all. */
  filesWithErrors: number;
  errors: number;
  warnings: number;
}

/** The command the report's links run, with the arguments [uri, line, character] (1-based). */
export const OpenLocationCommand = 'mim.openLocation';
