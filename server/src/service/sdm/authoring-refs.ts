/**
 * `$ref` resolution for the authoring checks: a document (the schema itself, or one read through ModelFiles)
 * and a fragment (a JSON Pointer, or a plain-name `$anchor`). Never waits: a document still loading answers
 * `loading`, and the schema is checked again when it arrives.
 */
import { closest } from '../ngsi-ld/syntax';
import { isObject } from '../json/values';
import type { ModelFiles } from './files';

export type Resolved =
  | {
      state: 'ready';
      value: unknown;
      /** The document the target is in (no fragment): the base of the target's own references. */
      url: string;
      /** The fragment as a JSON Pointer ('' for the whole document or an anchor). */
      pointer: string;
      /** The target is in another document than the schema being checked. */
      external: boolean;
      /** The root of that document. */
      root: unknown;
    }
  | { state: 'loading' }
  | {
      state: 'missing';
      /** The document cannot be read, or it has no such fragment. */
      what: 'document' | 'fragment';
      reason: string;
      /** For a fragment one name off: the same reference with the name the document has. */
      suggestion?: string;
    };

const MAX_HOPS = 8;

export class RefResolver {
  private readonly selfDocs: Set<string>;

  /**
   * @param selfUri the schema's own URI (a file URI)
   * @param selfId its declared `$id`, which also names it
   * @param selfRoot its parsed root
   */
  constructor(
    private readonly selfUri: string,
    selfId: string | undefined,
    private readonly selfRoot: unknown,
    private readonly files: ModelFiles | undefined,
  ) {
    this.selfDocs = new Set([stripFragment(selfUri)]);
    for (const name of [selfUri, selfId]) {
      if (!name) continue;
      try {
        this.selfDocs.add(stripFragment(new URL(name).href));
      } catch {
        // Not a URL: it names nothing else.
      }
    }
  }

  /** True when references can be followed at all (the files around the schema can be read). */
  get canRead(): boolean {
    return this.files !== undefined;
  }

  /** The base URI of the schema itself. */
  get base(): string {
    return this.selfUri;
  }

  /** Resolves `ref` written in the document at `base`. */
  resolve(ref: string, base: string): Resolved {
    let target: URL;
    try {
      target = new URL(ref, base);
    } catch {
      return { state: 'missing', what: 'document', reason: `"${ref}" is not a valid URI reference` };
    }
    const docUrl = stripFragment(target.href);
    const fragment = decodeFragment(target.hash);
    let root: unknown;
    let external: boolean;
    if (this.selfDocs.has(docUrl)) {
      root = this.selfRoot;
      external = false;
    } else {
      if (!this.files) return { state: 'missing', what: 'document', reason: 'no other file can be read here' };
      const lookup = this.files.json(docUrl, this.selfUri);
      if (lookup.state === 'loading') return lookup;
      if (lookup.state === 'missing') return { state: 'missing', what: 'document', reason: lookup.reason };
      root = lookup.value.json;
      external = true;
    }
    const docName = external ? docUrl : 'this schema';
    if (fragment === undefined) return { state: 'missing', what: 'fragment', reason: `the fragment of "${ref}" is not valid percent-encoding` };
    if (fragment === '') return { state: 'ready', value: root, url: external ? docUrl : this.selfUri, pointer: '', external, root };
    if (!fragment.startsWith('/')) {
      const anchored = findAnchor(root, fragment);
      if (anchored === undefined) return { state: 'missing', what: 'fragment', reason: `${docName} has no "$anchor": "${fragment}"` };
      return { state: 'ready', value: anchored, url: external ? docUrl : this.selfUri, pointer: '', external, root };
    }
    const walked = walkPointer(root, fragment);
    if ('missing' in walked) {
      const suggestion = walked.closest !== undefined ? replaceLastSegment(ref, walked.missing, walked.closest) : undefined;
      const where = walked.parent === '' ? 'its root' : `#${walked.parent}`;
      const reason = `${docName} has no "${walked.missing}" at ${where}`;
      return suggestion ? { state: 'missing', what: 'fragment', reason, suggestion } : { state: 'missing', what: 'fragment', reason };
    }
    return { state: 'ready', value: walked.value, url: external ? docUrl : this.selfUri, pointer: fragment, external, root };
  }

  /**
   * Follows a schema that is only a reference (`{"$ref": ...}`, possibly with annotations beside it) to what
   * it names, through chains of references. Answers the schema itself when it has no `$ref`.
   */
  follow(schema: unknown, base: string): Resolved {
    let value = schema;
    let url = base;
    let external = false;
    let pointer = '';
    let root: unknown = undefined;
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      if (!isObject(value) || typeof value.$ref !== 'string') return { state: 'ready', value, url, pointer, external, root };
      const next = this.resolve(value.$ref, url);
      if (next.state !== 'ready') return next;
      value = next.value;
      url = next.url;
      pointer = next.pointer;
      external = external || next.external;
      root = next.root;
    }
    return { state: 'missing', what: 'fragment', reason: `more than ${MAX_HOPS} references in a chain (a cycle?)` };
  }
}

export function stripFragment(url: string): string {
  const i = url.indexOf('#');
  return i < 0 ? url : url.slice(0, i);
}

/** The fragment without '#', percent-decoded; undefined when it cannot be decoded. */
function decodeFragment(hash: string): string | undefined {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

type Walked = { value: unknown } | { missing: string; parent: string; closest: string | undefined };

/** Walks a JSON Pointer; on failure names the segment that is missing and the closest name there. */
export function walkPointer(root: unknown, pointer: string): Walked {
  let value = root;
  const tokens = pointer.split('/').slice(1);
  let parent = '';
  for (const raw of tokens) {
    const token = unescapeToken(raw);
    if (Array.isArray(value)) {
      if (!/^(?:0|[1-9][0-9]*)$/.test(token) || Number(token) >= value.length) return { missing: token, parent, closest: undefined };
      value = value[Number(token)];
    } else if (isObject(value) && Object.prototype.hasOwnProperty.call(value, token)) {
      value = value[token];
    } else {
      return { missing: token, parent, closest: isObject(value) ? closest(token, Object.keys(value)) : undefined };
    }
    parent += '/' + raw;
  }
  return { value };
}

/** The same reference with its last occurrence of the pointer token `from` replaced by `to`. */
function replaceLastSegment(ref: string, from: string, to: string): string | undefined {
  const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
  const needle = '/' + escape(from);
  const i = ref.lastIndexOf(needle);
  if (i < 0) return undefined;
  const after = ref.slice(i + needle.length);
  if (after !== '' && !after.startsWith('/')) return undefined;
  return ref.slice(0, i) + '/' + escape(to) + after;
}

/** A subschema with `"$anchor": name`, searched breadth-first with a bound on the nodes visited. */
function findAnchor(root: unknown, name: string): unknown {
  const queue: unknown[] = [root];
  for (let i = 0; i < queue.length && i < 20_000; i++) {
    const node = queue[i];
    if (Array.isArray(node)) queue.push(...node);
    else if (isObject(node)) {
      if (node.$anchor === name) return node;
      queue.push(...Object.values(node));
    }
  }
  return undefined;
}
