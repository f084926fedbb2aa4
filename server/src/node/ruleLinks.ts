import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * Links from rule codes to their section of docs/rules.md, as file URIs with a `#L<line>` fragment,
 * which VS Code opens at that line. The page is generated from the registry, so every code is in it.
 */
export function ruleDocumentationLinks(rulesPage: string): (code: string) => string | undefined {
  if (!existsSync(rulesPage)) return () => undefined;
  const lines = readFileSync(rulesPage, 'utf8').split(/\r?\n/);
  const lineOf = new Map<string, number>();
  lines.forEach((line, i) => {
    const m = /^### `([^`]+)`/.exec(line);
    if (m) lineOf.set(m[1]!, i + 1);
  });
  const base = pathToFileURL(rulesPage).toString();
  return (code) => {
    const line = lineOf.get(code);
    return line === undefined ? base : `${base}#L${line}`;
  };
}
