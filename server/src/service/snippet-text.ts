/** Text of completion items in snippet syntax, shared by the completions of every kind of file. */
import type { JsonDocument, Span } from './json/document';

/** Text inserted as it is, in snippet syntax. */
export function literal(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

/**
 * The text of a member typed at `replace`: only the name when a colon already follows (the user is renaming a
 * member), else name and value, with a comma when another member follows.
 */
export function memberText(doc: JsonDocument, replace: Span, name: string, value: string): string {
  let i = replace.end;
  while (i < doc.text.length && /\s/.test(doc.text[i]!)) i++;
  const key = literal(JSON.stringify(name));
  if (doc.text[i] === ':') return key;
  return `${key}: ${value}${doc.text[i] === '"' ? ',' : ''}`;
}
