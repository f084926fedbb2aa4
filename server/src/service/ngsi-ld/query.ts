/** Query bodies sent with POST (GS CIM 009 clause 5.2.23), with their temporal query (5.2.21, NGSI-TMP-004). */
import type { CheckContext } from '../context';
import { hasOwn, type JsonObject, type JsonPath } from '../json/values';
import { checkDataType, objectMember } from './members';
import { checkGeoQueryObject } from './query-strings';
import { checkExclusive, checkPickOmitOverlap, checkSelectors } from './request-rules';

export function checkQuery(ctx: CheckContext, query: JsonObject, path: JsonPath): void {
  if (!checkDataType(ctx, query, path, 'Query', { partial: false })) return;
  checkExclusive(ctx, query, path, ['attrs', 'pick'], 'attrs and pick both choose the attributes returned; use one');
  checkExclusive(ctx, query, path, ['attrs', 'omit'], 'attrs and omit both choose the attributes returned; use one');
  checkPickOmitOverlap(ctx, query, path);
  checkSelectors(ctx, query.entities, [...path, 'entities']);
  const geoQ = objectMember(query, 'geoQ');
  if (geoQ) checkGeoQueryObject(ctx, geoQ, [...path, 'geoQ']);
  const temporalQ = objectMember(query, 'temporalQ');
  if (temporalQ) checkTemporalQuery(ctx, temporalQ, [...path, 'temporalQ']);
}

/** timerel needs timeAt; between needs endTimeAt. */
export function checkTemporalQuery(ctx: CheckContext, temporalQ: JsonObject, path: JsonPath): void {
  if (hasOwn(temporalQ, 'timerel') && !hasOwn(temporalQ, 'timeAt')) {
    ctx.report({ code: 'ngsi-ld/required-member', path, message: `A temporal query with "timerel" needs "timeAt": the DateTime that "${String(temporalQ.timerel)}" refers to.` });
  }
  if (temporalQ.timerel === 'between' && !hasOwn(temporalQ, 'endTimeAt')) {
    ctx.report({ code: 'ngsi-ld/required-member', path, message: 'A temporal query "between" needs "endTimeAt", the end of the interval.' });
  }
  if (typeof temporalQ.timeAt === 'string' && typeof temporalQ.endTimeAt === 'string' && Date.parse(temporalQ.endTimeAt) < Date.parse(temporalQ.timeAt)) {
    ctx.report({ code: 'ngsi-ld/member-value', path: [...path, 'endTimeAt'], message: `The interval ends (${temporalQ.endTimeAt}) before it starts (${temporalQ.timeAt}).` });
  }
}
