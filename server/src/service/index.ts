/**
 * The engine's facade. Pure: no LSP, no file system, no network. The node server, the CLI and the tests
 * all go through these functions.
 */
import { isFileLike } from './runtime';
import type { CheckContext, MediaType, RuleProblem } from './context';
import { detect, detectDataModelSchema, mediaTypeOf, type Detection, type PayloadKind } from './detect';
import { matchesGlob } from './glob';
import { JsonDocument, type Span } from './json/document';
import type { JsonPath } from './json/values';
import { DocumentContexts } from './ngsi-ld/context-checks';
import type { ContextStore } from './ngsi-ld/jsonld-context';
import { checkNgsiLdPayloadSteps, type DocumentRepresentation } from './ngsi-ld/payload';
import { runSteps, runStepsPaced, type Pacing, type Steps } from './steps';
import { checkEntityModelsSteps, type ModelProvider, type ModelUse } from './sdm/validate';
import { checkDataModelSchema } from './sdm/authoring';
import type { ModelFiles } from './sdm/files';
import { checkModelExample, detectModelExample, missingModelFiles, modelExampleOf } from './sdm/examples';
import { checkAlgorithmRegister } from './mim5/register';
import { checkOdrlPolicy } from './odrl/policy';
import type { Problem, Severity } from './problem';
import { RULES } from './rules';
import type { Settings } from './settings';

export { JsonDocument } from './json/document';
export type { Position, Range } from './json/document';
export type { Problem, Severity, Fix } from './problem';
export type { Settings } from './settings';
export { DEFAULT_SETTINGS, normalizeSettings } from './settings';
export { RULES, RULE_CODES, isRuleCode, ruleAnchor, type RuleCode, type RuleDefinition } from './rules';
export { PAYLOAD_KINDS, PAYLOAD_KIND_LABELS, type PayloadKind, type Detection } from './detect';
export type { Pacing } from './steps';
export { ModelCatalog, type LoadedModel, type ModelLookup } from './sdm/catalog';
export type { CatalogConfig } from './sdm/sources';
export { PUBLISHED_SITE } from './sdm/sources';
export type { ModelProvider, ModelUse } from './sdm/validate';
export type { Runtime, DirectoryEntry, FetchResult } from './runtime';
export { complete, type CompletionEntry, type CompletionKind } from './completion';
export { hover, type HoverResult } from './hover';
export { outline, type OutlineSymbol, type OutlineKind } from './symbols';
export { applyEdits, editsForFix, formatJson, layoutOf, minimalEdit, type Layout, type TextEdit } from './edits';
export { fixAll, quickFixes, type FixAllResult, type QuickFix } from './fix-all';

export interface CheckResult {
  problems: Problem[];
  detection: Detection;
  mediaType: MediaType | undefined;
  /** How the entities are written, when the payload holds NGSI-LD entities. */
  representation?: DocumentRepresentation;
  /** The data models the entities were checked against (or why not). */
  models: ModelUse[];
}

export interface CheckOptions {
  /** Where data models come from; without it the data model checks do not run. */
  models?: ModelProvider;
  /** The clock (for expiry dates); the system clock by default. */
  now?: () => number;
  /** Where @contexts are read; without it the @context term checks do not run. */
  contexts?: ContextStore;
  /** The files around data models (schemas' $ref targets, example files); the cross-file checks need it. */
  files?: ModelFiles;
  /**
   * Which files get JSON syntax errors: only NGSI payloads (the default), every file (the CLI, a CI gate), or
   * none (an editor whose own JSON support already reports them).
   */
  syntaxErrors?: 'ngsi' | 'always' | 'never';
}

/** Parses one version of a document. Callers cache the result per (uri, version) and share it. */
export function parseDocument(uri: string, version: number, text: string, languageId?: string, settings?: Pick<Settings, 'maxFileSize'>): JsonDocument {
  return new JsonDocument(uri, version, text, languageId, undefined, settings ? maxLengthOf(settings) : undefined);
}

/** mim.maxFileSize in characters (a megabyte of JSON is about a million characters). */
export function maxLengthOf(settings: Pick<Settings, 'maxFileSize'>): number {
  return Math.round(settings.maxFileSize * 1024 * 1024);
}

/** Runs every rule that applies to the document and returns its problems in document order. */
export function checkDocument(doc: JsonDocument, settings: Settings, options: CheckOptions = {}): CheckResult {
  return runSteps(checkDocumentSteps(doc, settings, options));
}

/**
 * The same check, in slices: the language server runs it so, answering other requests between slices and
 * dropping it when the document changes again (undefined then).
 */
export function checkDocumentPaced(doc: JsonDocument, settings: Settings, options: CheckOptions, pacing: Pacing): Promise<CheckResult | undefined> {
  return runStepsPaced(checkDocumentSteps(doc, settings, options), pacing);
}

/** What a file is, without checking it: cheap enough for every hover and completion. */
export function describeDocument(doc: JsonDocument, settings: Settings): { detection: Detection; mediaType: MediaType | undefined } {
  const mediaType = mediaTypeOf(doc.uri, doc.languageId);
  if (!settings.enable) return { detection: { kind: 'none', declared: true, reason: 'checking is switched off (mim.enable)' }, mediaType };
  return { detection: detectionOf(doc, settings, mediaType), mediaType };
}

function detectionOf(doc: JsonDocument, settings: Settings, mediaType: MediaType | undefined): Detection {
  return declaredKind(doc.uri, settings) ?? detectDataModelSchema(doc.uri, doc.root) ?? detectModelExample(doc.uri) ?? detect(doc.root, mediaType);
}

function* checkDocumentSteps(doc: JsonDocument, settings: Settings, options: CheckOptions): Steps<CheckResult> {
  const mediaType = mediaTypeOf(doc.uri, doc.languageId);
  if (!settings.enable) return { problems: [], detection: { kind: 'none', declared: true, reason: 'checking is switched off (mim.enable)' }, mediaType, models: [] };
  if (doc.tooLarge || doc.text.length > maxLengthOf(settings)) return tooLarge(doc, settings, mediaType);
  const detection = detectionOf(doc, settings, mediaType);
  const raw: RuleProblem[] = [];
  const ctx: CheckContext = { doc, mediaType, report: (p) => raw.push(p), now: options.now ?? Date.now };

  const ngsi = detection.kind !== 'none' || mediaType === 'application/ld+json';
  let representation: DocumentRepresentation | undefined;
  let models: ModelUse[] = [];
  const syntax = options.syntaxErrors ?? 'ngsi';
  if (syntax === 'always' || (syntax === 'ngsi' && ngsi)) {
    let lastOffset = -1;
    for (const error of doc.syntaxErrors) {
      // One mistake often trips the parser twice at the same place (",," is a missing name and a missing value).
      if (error.offset === lastOffset) continue;
      lastOffset = error.offset;
      raw.push({ code: 'json/syntax', path: [], message: error.message, inner: { start: error.offset, end: error.offset + error.length } });
    }
    if (doc.hasBom) {
      raw.push({
        code: 'json/byte-order-mark',
        path: [],
        inner: { start: 0, end: 1 },
        message: 'The file starts with a byte order mark (U+FEFF), which JSON sent over a network must not have; some parsers refuse the body.',
        fixes: [{ kind: 'remove', title: 'Remove the byte order mark', path: [], safe: true }],
      });
    }
  }
  // Names twice in one object: the parsed value has lost the first, so the text tells.
  if (doc.exact && ngsi) {
    const duplicates = yield* doc.duplicateKeys();
    for (const d of duplicates) {
      raw.push({
        code: 'json/duplicate-key',
        path: [],
        // Offsets in the text (see resolve): locating the root would walk the whole text.
        inner: { start: d.first.start, end: d.first.end },
        message: `"${d.name}" appears again later in this object (line ${doc.positionAt(d.last.start).line + 1}); JSON parsers keep the last value, so this one is lost.`,
      });
    }
    yield;
  }
  if (detection.kind === 'data-model-schema') {
    checkDataModelSchema(ctx, doc.root, { uri: doc.uri, files: options.files });
    checkModelFolder(ctx, doc.uri, options.files);
    return { problems: resolve(doc, raw, settings), detection, mediaType, models };
  }
  // Algorithm register entries (MIM5) and ODRL policies (MIM3/MIM4) are not NGSI-LD payloads: their own checks only.
  if (detection.kind === 'algorithm-register' || detection.kind === 'odrl-policy') {
    if (detection.kind === 'algorithm-register') checkAlgorithmRegister(ctx, doc.root);
    else checkOdrlPolicy(ctx, doc.root, { models: options.models });
    return { problems: resolve(doc, raw, settings), detection, mediaType, models };
  }
  const example = modelExampleOf(doc.uri);
  if (ngsi) {
    const summary = yield* checkNgsiLdPayloadSteps(ctx, doc.root, detection, options.contexts ? new DocumentContexts(ctx, options.contexts) : undefined);
    representation = summary.representation;
    // A model's own example: every attribute must be the model's (not merely a hint, as in other payloads).
    const entities = example ? summary.entities.map((e) => ({ ...e, modelExample: true })) : summary.entities;
    if (options.models && entities.length > 0) {
      const before = raw.length;
      models = yield* checkEntityModelsSteps(ctx, entities, options.models);
      dropOverlapping(raw, before);
    }
    if (example) checkModelExample(ctx, doc.root, { example, files: options.files, representation });
  }
  const result: CheckResult = { problems: resolve(doc, raw, settings), detection, mediaType, models };
  if (representation) result.representation = representation;
  return result;
}

function tooLarge(doc: JsonDocument, settings: Settings, mediaType: MediaType | undefined): CheckResult {
  const mb = (doc.text.length / 1024 / 1024).toFixed(1);
  const raw: RuleProblem[] = [
    {
      code: 'json/too-large',
      path: [],
      inner: { start: 0, end: Math.min(1, doc.text.length) },
      message: `This file (about ${mb} MB) is larger than mim.maxFileSize (${settings.maxFileSize} MB), so it is not checked. Raise the setting to check it.`,
    },
  ];
  return {
    problems: resolve(doc, raw, settings),
    detection: { kind: 'none', declared: false, reason: `larger than mim.maxFileSize (${settings.maxFileSize} MB)` },
    mediaType,
    models: [],
  };
}

/** The files a model folder must hold, checked from its schema.json (SDM layout). */
function checkModelFolder(ctx: CheckContext, uri: string, files: ModelFiles | undefined): void {
  if (!files || !isFileLike(uri)) return;
  const folder = uri.replace(/[?#].*$/, '').replace(/\/[^/]*$/, '');
  // Only a model folder (named after its entity type) is held to the layout; templates and drafts are not.
  if (!/^\p{Lu}/u.test(decodeURIComponent(folder.replace(/^.*\//, '')))) return;
  // The schema being checked is there, saved or not.
  const missing = missingModelFiles(folder, files)?.filter((f) => f !== 'schema.json');
  if (!missing || missing.length === 0) return;
  ctx.report({
    code: 'sdm-schema/model-files',
    path: [],
    inner: { start: 0, end: 1 },
    message: `The model folder lacks ${missing.join(', ')}: the Smart Data Models contribution check requires every model to have them.`,
  });
}

/**
 * A data model problem on a node the NGSI rules already found wrong says the same thing twice (a broken
 * geometry fails the model's GeoJSON schema too): keep the NGSI one.
 */
function dropOverlapping(raw: RuleProblem[], firstModelProblem: number): void {
  const flagged = raw.slice(0, firstModelProblem).map((p) => p.path);
  const within = (inner: JsonPath, outer: JsonPath) => outer.length <= inner.length && outer.every((s, i) => s === inner[i]);
  for (let i = raw.length - 1; i >= firstModelProblem; i--) {
    const p = raw[i]!;
    if (p.code === 'sdm/unknown-attribute' || p.code === 'sdm/required') continue;
    if (flagged.some((f) => f.length > 0 && (within(p.path, f) || within(f, p.path)))) raw.splice(i, 1);
  }
}

function declaredKind(uri: string, settings: Settings): Detection | undefined {
  const path = uriPath(uri);
  for (const [glob, kind] of Object.entries(settings.payloadKinds)) {
    if (matchesGlob(glob, path)) return { kind: kind as PayloadKind, declared: true, reason: `mim.payloadKinds maps "${glob}" to ${kind}` };
  }
  return undefined;
}

function uriPath(uri: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)$/i.exec(uri);
  if (!m) return uri;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return m[1]!;
  }
}

/** Problems whose `inner` is an offset in the text, not in the root value. */
const TEXT_OFFSET_CODES: ReadonlySet<string> = new Set(['json/syntax', 'json/byte-order-mark', 'json/too-large', 'json/duplicate-key']);

/** Severity from settings, ranges from the document, and nothing on nodes that are still being typed. */
function resolve(doc: JsonDocument, raw: RuleProblem[], settings: Settings): Problem[] {
  const problems: Problem[] = [];
  for (const p of raw) {
    const setting = settings.rules[p.code];
    if (setting === 'off') continue;
    const severity: Severity = setting ?? p.severity ?? RULES[p.code].severity;
    let span: Span;
    if (p.inner && p.path.length === 0 && TEXT_OFFSET_CODES.has(p.code)) {
      span = { start: p.inner.start, end: Math.max(p.inner.end, p.inner.start) };
    } else {
      const located = locateNearest(doc, p.path);
      if (!located) continue;
      span = p.target === 'key' && located.key ? located.key : located.value;
      if (p.inner) span = { start: span.start + p.inner.start, end: span.start + p.inner.end };
      else if (p.stringRange && doc.text.charCodeAt(span.start) === 0x22) span = stringSpan(doc.text, span, p.stringRange);
      if (!doc.exact && doc.containsSyntaxError(span)) continue;
    }
    const problem: Problem = {
      code: p.code,
      severity,
      message: p.message,
      range: doc.rangeOf(span),
      offsets: { start: span.start, end: span.end },
      path: p.path,
    };
    if (p.fixes && p.fixes.length > 0) problem.fixes = p.fixes;
    problems.push(problem);
  }
  problems.sort((a, b) => a.offsets.start - b.offsets.start || a.offsets.end - b.offsets.end);
  return problems;
}

/**
 * Offsets in the text of characters `range` of the JSON string at `span`, through its escapes. An empty range
 * (a missing character at the end) covers the closing quote.
 */
function stringSpan(text: string, span: Span, range: { start: number; end: number }): Span {
  const offsets: number[] = [];
  let i = span.start + 1;
  const last = span.end - 1;
  while (i < last) {
    offsets.push(i);
    if (text.charCodeAt(i) === 0x5c) i += text[i + 1] === 'u' ? 6 : 2;
    else i++;
  }
  offsets.push(last);
  const at = (n: number) => offsets[Math.max(0, Math.min(n, offsets.length - 1))]!;
  const start = at(range.start);
  const end = range.end > range.start ? at(range.end) : Math.min(start + 1, span.end);
  return { start, end };
}

function locateNearest(doc: JsonDocument, path: JsonPath) {
  for (let n = path.length; n >= 0; n--) {
    const located = doc.locate(n === path.length ? path : path.slice(0, n));
    if (located) return located;
  }
  return undefined;
}
