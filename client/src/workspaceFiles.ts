/**
 * Files and folders for a server that has no file system of its own (the web server in a browser worker):
 * it asks with `mim/readFile` and `mim/readDirectory`, and the client reads with vscode.workspace.fs, which
 * knows every scheme the editor knows (vscode-vfs://, file://, ...).
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  ReadDirectoryRequest,
  ReadFileRequest,
  type ReadDirectoryEntry,
  type ReadDirectoryParams,
  type ReadDirectoryResult,
  type ReadFileParams,
  type ReadFileResult,
} from '../../server/src/protocol';

// The byte order mark is kept, as the node server reads it from disk: a rule reports it.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Answers the server's requests for files and folders; any error is null (the file is not there for the server). */
export function serveWorkspaceFiles(client: BaseLanguageClient): void {
  client.onRequest(ReadFileRequest, async (params: ReadFileParams): Promise<ReadFileResult> => {
    try {
      return decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(params.uri, true)));
    } catch {
      return null;
    }
  });
  client.onRequest(ReadDirectoryRequest, async (params: ReadDirectoryParams): Promise<ReadDirectoryResult> => {
    try {
      const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.parse(params.uri, true));
      const out: ReadDirectoryEntry[] = [];
      // FileType is a bit set: a symbolic link to a folder is Directory | SymbolicLink.
      for (const [name, type] of entries) {
        if (type & vscode.FileType.Directory) out.push({ name, kind: 'directory' });
        else if (type & vscode.FileType.File) out.push({ name, kind: 'file' });
      }
      return out;
    } catch {
      return null;
    }
  });
}
