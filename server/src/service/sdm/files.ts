/**
 * The files around a data model, for the checks that look beyond one file: the documents a schema's `$ref`s
 * name, the sibling example files of a model, the entries of a model folder. Lookups answer at once from what
 * is loaded and start loading what is not; when it arrives, `onChange` asks for the documents to be checked
 * again (the same way data models and @contexts arrive).
 */
import type { DocumentReader, LoadedDocument } from '../documents';
import { parentUri, type DirectoryEntry, type Runtime } from '../runtime';

export type Lookup<T> = { state: 'ready'; value: T } | { state: 'loading' } | { state: 'missing'; reason: string };

export interface ModelFiles {
  /** A JSON document by URL or file URI (the fragment is ignored); `nearFile` helps map published URLs to a checkout. */
  json(url: string, nearFile?: string): Lookup<LoadedDocument>;
  /** The entries of a folder (file URI). */
  folder(uri: string): Lookup<DirectoryEntry[]>;
}

export class ModelFileStore implements ModelFiles {
  private readonly documents = new Map<string, Lookup<LoadedDocument>>();
  private readonly folders = new Map<string, Lookup<DirectoryEntry[]>>();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly reader: DocumentReader,
    private readonly runtime: Runtime,
    private readonly onChange: () => void = () => undefined,
  ) {}

  json(url: string, nearFile?: string): Lookup<LoadedDocument> {
    const key = url.replace(/#.*$/, '');
    const known = this.documents.get(key);
    if (known) return known;
    const loading: Lookup<LoadedDocument> = { state: 'loading' };
    this.documents.set(key, loading);
    this.track(
      this.reader.read(key, nearFile).then(
        (doc) => (doc ? { state: 'ready', value: doc } : { state: 'missing', reason: `no source has ${key}` }),
        (error: unknown) => ({ state: 'missing', reason: error instanceof Error ? error.message : String(error) }),
      ),
      this.documents,
      key,
      loading,
    );
    return loading;
  }

  folder(uri: string): Lookup<DirectoryEntry[]> {
    const key = uri.replace(/\/+$/, '');
    const known = this.folders.get(key);
    if (known) return known;
    const loading: Lookup<DirectoryEntry[]> = { state: 'loading' };
    this.folders.set(key, loading);
    this.track(
      this.runtime.readDirectory(key).then(
        (entries) => (entries ? { state: 'ready', value: entries } : { state: 'missing', reason: `the folder ${key} cannot be read` }),
        (error: unknown) => ({ state: 'missing', reason: error instanceof Error ? error.message : String(error) }),
      ),
      this.folders,
      key,
      loading,
    );
    return loading;
  }

  /** Resolves once every lookup started so far has an answer. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** A file was created, changed or deleted: forget it and the listing of its folder. */
  forget(uri: string): boolean {
    const a = this.documents.delete(uri);
    const b = this.folders.delete(parentUri(uri).replace(/\/+$/, ''));
    return a || b;
  }

  /** Forget everything (settings or sources changed). */
  reset(): void {
    this.documents.clear();
    this.folders.clear();
  }

  /** Stores the answer unless the lookup was forgotten (or started again) meanwhile. */
  private track<T>(promise: Promise<Lookup<T>>, map: Map<string, Lookup<T>>, key: string, loading: Lookup<T>): void {
    const done = promise.then((value) => {
      if (map.get(key) !== loading) return;
      map.set(key, value);
      this.onChange();
    });
    this.pending.add(done);
    void done.finally(() => this.pending.delete(done));
  }
}
