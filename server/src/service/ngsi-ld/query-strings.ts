/**
 * The query languages inside JSON strings (q, scopeQ, attribute lists, pick/omit) and geo-queries, reported
 * at the exact character: the parsers give offsets inside the string, the document maps them through the
 * string's quotes and escapes.
 */
import type { CheckContext } from '../context';
import type { JsonObject, JsonPath } from '../json/values';
import type { RuleCode } from '../rules';
import { checkGeoQuery, parseAttrList, parseProjection, parseQ, parseScopeQ, type QueryError } from './query/index';

export type QueryLanguage = 'q' | 'scopeQ' | 'projection' | 'attribute-list';

const CODES: Readonly<Record<QueryLanguage, RuleCode>> = {
  q: 'ngsi-ld/q',
  scopeQ: 'ngsi-ld/scopeq',
  projection: 'ngsi-ld/projection',
  'attribute-list': 'ngsi-ld/projection',
};

export function parseQueryString(language: QueryLanguage, text: string): { errors: QueryError[] } {
  switch (language) {
    case 'q':
      return parseQ(text);
    case 'scopeQ':
      return parseScopeQ(text);
    case 'projection':
      return parseProjection(text);
    case 'attribute-list':
      return parseAttrList(text);
  }
}

/** Reports the syntax errors of a query string at `path` (a JSON string) on their characters. */
export function checkQueryString(ctx: CheckContext, language: QueryLanguage, text: string, path: JsonPath, key: string): void {
  for (const error of parseQueryString(language, text).errors) {
    ctx.report({
      code: CODES[language],
      path,
      stringRange: { start: error.start, end: Math.max(error.end, error.start) },
      severity: error.severity === 'warning' ? 'warning' : undefined,
      message: `In "${key}": ${error.message}`,
    });
  }
}

/** A geo-query object (Subscription.geoQ, Query.geoQ): georel grammar, geometry, coordinates. */
export function checkGeoQueryObject(ctx: CheckContext, geoQ: JsonObject, path: JsonPath): void {
  const result = checkGeoQuery({ georel: geoQ.georel, geometry: geoQ.geometry, coordinates: geoQ.coordinates, geoproperty: geoQ.geoproperty });
  for (const finding of result.findings) {
    const memberPath: JsonPath = finding.member === 'geoQ' ? path : [...path, finding.member, ...(finding.path ?? [])];
    ctx.report({
      code: 'ngsi-ld/geoq',
      path: memberPath,
      stringRange: finding.start !== undefined && !finding.path ? { start: finding.start, end: Math.max(finding.end ?? finding.start, finding.start) } : undefined,
      severity: finding.severity === 'warning' ? 'warning' : undefined,
      message: finding.message,
    });
  }
}
