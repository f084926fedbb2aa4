/**
 * What is at a cursor position: the JSON path, whether the cursor is on a member name or a value, and,
 * inside a string, where in the string. Hover and completion start here.
 */
import { getLocation } from 'jsonc-parser';
import type { JsonDocument, Span } from './document';
import type { JsonPath } from './values';

export interface CursorLocation {
  /** Path of the node at the cursor; for a member name, the path of the member. */
  path: JsonPath;
  /** The cursor is on a member name, or where a member name may be typed. */
  atKey: boolean;
  /** The span of the string, number or literal under the cursor, when there is one. */
  token?: Span;
  /** The text of that token when it is a string, and the cursor's index in its decoded content. */
  string?: { value: string; index: number };
}

/**
 * Only the entity under the cursor is scanned: in a batch of thousands, the item that holds the offset is
 * found from the document's index, and the scan starts there.
 */
export function locationAt(doc: JsonDocument, offset: number): CursorLocation {
  let base = 0;
  let prefix: JsonPath = [];
  let text = doc.text;
  if (Array.isArray(doc.root)) {
    const spans = doc.itemSpans([]);
    const i = findSpan(spans, offset);
    if (i >= 0) {
      base = spans[i]!.start;
      prefix = [i];
      text = doc.text.slice(spans[i]!.start, spans[i]!.end);
    }
  }
  const location = getLocation(text, offset - base);
  const node = location.previousNode;
  const result: CursorLocation = { path: [...prefix, ...location.path], atKey: location.isAtPropertyKey };
  if (node && offset - base >= node.offset && offset - base <= node.offset + node.length) {
    result.token = { start: base + node.offset, end: base + node.offset + node.length };
    if (node.type === 'string' || node.type === 'property') {
      const raw = text.slice(node.offset, node.offset + node.length);
      // A string still being typed runs on to the end of the text: it is replaced up to the cursor only.
      if (!closedString(raw)) result.token.end = offset;
      result.string = { value: String(node.value), index: decodedIndex(raw, offset - base - node.offset) };
    }
  }
  return result;
}

function closedString(raw: string): boolean {
  if (raw.length < 2 || !raw.endsWith('"') || /[\n\r]/.test(raw)) return false;
  let backslashes = 0;
  for (let i = raw.length - 2; i > 0 && raw[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 0;
}

function findSpan(spans: Span[], offset: number): number {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const span = spans[mid]!;
    if (offset < span.start) high = mid - 1;
    else if (offset > span.end) low = mid + 1;
    else return mid;
  }
  return -1;
}

/** The index in the decoded string of raw offset `rawOffset` (0 = the opening quote). */
function decodedIndex(raw: string, rawOffset: number): number {
  let decoded = 0;
  let i = 1;
  while (i < rawOffset && i < raw.length - 1) {
    if (raw[i] === '\\') i += raw[i + 1] === 'u' ? 6 : 2;
    else i++;
    decoded++;
  }
  return decoded;
}
