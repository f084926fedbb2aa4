/**
 * Parsers for the NGSI-LD query languages (ETSI GS CIM 009): q (4.9), geo-queries (4.10), scopeQ (4.19),
 * attribute lists and pick/omit projections (4.21). Pure functions over strings and parsed JSON values:
 * each returns a syntax tree with offsets and problems placed on the exact characters; none throws.
 */

export {
  MAX_NESTING,
  MAX_PROBLEMS,
  checkName,
  checkRegex,
  parseQ,
  type NameProblem,
  type NameRef,
  type QAttributePath,
  type QAttributeRef,
  type QGroup,
  type QLogical,
  type QName,
  type QNode,
  type QOperator,
  type QResult,
  type QScalar,
  type QTerm,
  type QValue,
  type QueryError,
  type Severity,
} from './q';
export {
  GEOMETRY_TYPES,
  GEO_RELATIONS,
  checkGeoQuery,
  parseGeorel,
  type GeoQueryFinding,
  type GeoQueryInput,
  type GeoQueryMember,
  type GeoQueryResult,
  type GeoRel,
  type GeoRelation,
  type GeorelResult,
  type GeometryType,
} from './geoq';
export { parseScopeQ, type ScopeGroup, type ScopeLevel, type ScopeLogical, type ScopePath, type ScopeQNode, type ScopeQResult } from './scopeq';
export { parseAttrList, parseProjection, type AttrListResult, type ProjectionResult, type ProjectionTerm } from './projection';
