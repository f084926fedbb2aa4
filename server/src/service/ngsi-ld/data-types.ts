/**
 * The NGSI-LD data types other than entities (ETSI GS CIM 009 clause 5.2), as data: each member with the
 * value it takes, whether it is mandatory, and what it means. The checks, the completion of member names
 * and the hover texts all read these tables.
 */

export type MemberCheck =
  | { kind: 'string' }
  | { kind: 'boolean' }
  | { kind: 'number'; positive?: boolean; integer?: boolean; min?: number }
  | { kind: 'uri'; schemes?: readonly string[] }
  | { kind: 'datetime' }
  | { kind: 'duration' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'enum-list'; values: readonly string[]; allowString?: boolean }
  | { kind: 'names'; nonEmpty?: boolean; allowString?: boolean }
  | { kind: 'uris' }
  | { kind: 'regex' }
  | { kind: 'type-name' }
  | { kind: 'q' }
  | { kind: 'scopeq' }
  | { kind: 'projection' }
  | { kind: 'geometry' }
  | { kind: 'key-values' }
  | { kind: 'object'; of: DataTypeName }
  | { kind: 'array'; of: DataTypeName; nonEmpty?: boolean }
  | { kind: 'entities' }
  | { kind: 'any' };

export interface MemberSpec {
  check: MemberCheck;
  required?: boolean;
  /** Set by the broker: reported, not expected, in a request payload. */
  output?: boolean;
  doc: string;
}

export interface DataTypeSpec {
  name: string;
  /** Clause of ETSI GS CIM 009 v1.8. */
  clause: string;
  doc: string;
  members: Readonly<Record<string, MemberSpec>>;
  /** Other members are allowed (registrations may carry properties of the context source). */
  open?: boolean;
}

export type DataTypeName =
  | 'Subscription'
  | 'NotificationParams'
  | 'Endpoint'
  | 'EntitySelector'
  | 'GeoQuery'
  | 'TemporalQuery'
  | 'ContextSourceRegistration'
  | 'RegistrationInfo'
  | 'TimeInterval'
  | 'RegistrationManagementInfo'
  | 'Query'
  | 'AggregationParams'
  | 'Notification';

export const NOTIFICATION_FORMATS = ['normalized', 'concise', 'keyValues', 'simplified', 'geojson', 'normalizedGeoJSON', 'conciseGeoJSON', 'simplifiedGeoJSON'] as const;
export const ACCEPT_TYPES = ['application/json', 'application/ld+json', 'application/geo+json'] as const;
export const NOTIFICATION_TRIGGERS = ['entityCreated', 'entityUpdated', 'entityDeleted', 'attributeCreated', 'attributeUpdated', 'attributeDeleted'] as const;
export const REGISTRATION_MODES = ['inclusive', 'exclusive', 'redirect', 'auxiliary'] as const;
export const TIMERELS = ['before', 'after', 'between'] as const;
export const TIMEPROPERTIES = ['observedAt', 'createdAt', 'modifiedAt', 'deletedAt'] as const;
export const AGGREGATION_METHODS = ['totalCount', 'distinctCount', 'sum', 'avg', 'min', 'max', 'stddev', 'sumsq'] as const;
export const ENDPOINT_SCHEMES = ['http', 'https', 'mqtt', 'mqtts'] as const;
/** Operation names and groups of clause 4.20 (registrations). */
export const OPERATIONS = [
  'createEntity', 'updateEntity', 'appendAttrs', 'updateAttrs', 'deleteAttrs', 'deleteEntity', 'createBatch', 'upsertBatch', 'updateBatch',
  'deleteBatch', 'upsertTemporal', 'appendAttrsTemporal', 'deleteAttrsTemporal', 'updateAttrsTemporal', 'deleteAttrInstanceTemporal',
  'deleteTemporal', 'mergeEntity', 'replaceEntity', 'replaceAttrs', 'mergeBatch', 'retrieveEntity', 'queryEntity', 'queryBatch',
  'retrieveTemporal', 'queryTemporal', 'retrieveEntityTypes', 'retrieveEntityTypeDetails', 'retrieveEntityTypeInfo', 'retrieveAttrTypes',
  'retrieveAttrTypeDetails', 'retrieveAttrTypeInfo', 'createSubscription', 'updateSubscription', 'retrieveSubscription', 'querySubscription',
  'deleteSubscription', 'federationOps', 'updateOps', 'retrieveOps', 'redirectionOps',
] as const;

const broker = (doc: string, check: MemberCheck = { kind: 'any' }): MemberSpec => ({ check, output: true, doc });

export const DATA_TYPES: Readonly<Record<DataTypeName, DataTypeSpec>> = {
  Subscription: {
    name: 'Subscription',
    clause: '5.2.12',
    doc: 'Asks the broker to notify an endpoint when entities matching the selectors change.',
    members: {
      '@context': { check: { kind: 'any' }, doc: 'The JSON-LD @context that expands the attribute and type names used in the subscription.' },
      id: { check: { kind: 'uri' }, doc: 'The subscription id, a URI. Optional: the broker assigns one.' },
      type: { check: { kind: 'enum', values: ['Subscription'] }, required: true, doc: 'Always "Subscription".' },
      subscriptionName: { check: { kind: 'string' }, doc: 'A name for people.' },
      description: { check: { kind: 'string' }, doc: 'A description for people.' },
      entities: { check: { kind: 'array', of: 'EntitySelector', nonEmpty: true }, doc: 'The entities watched: selectors by type and id or idPattern.' },
      watchedAttributes: { check: { kind: 'names', nonEmpty: true }, doc: 'Attribute names whose change triggers a notification; without it, any change does.' },
      notificationTrigger: { check: { kind: 'enum-list', values: NOTIFICATION_TRIGGERS }, doc: 'Which changes notify: entityCreated, entityUpdated, entityDeleted, attributeCreated, attributeUpdated, attributeDeleted.' },
      timeInterval: { check: { kind: 'number', positive: true }, doc: 'Seconds between periodic notifications; excludes watchedAttributes and throttling.' },
      q: { check: { kind: 'q' }, doc: 'A query (NGSI-LD query language) the entities must match.' },
      geoQ: { check: { kind: 'object', of: 'GeoQuery' }, doc: 'A geographical query the entities must match.' },
      csf: { check: { kind: 'q' }, doc: 'A filter on context source registrations (same language as q).' },
      isActive: { check: { kind: 'boolean' }, doc: 'false pauses the subscription.' },
      notification: { check: { kind: 'object', of: 'NotificationParams' }, required: true, doc: 'Where and how notifications are sent.' },
      expiresAt: { check: { kind: 'datetime' }, doc: 'When the subscription ends (a DateTime in the future).' },
      throttling: { check: { kind: 'number', positive: true }, doc: 'Minimum seconds between two notifications; excludes timeInterval.' },
      temporalQ: { check: { kind: 'object', of: 'TemporalQuery' }, doc: 'A temporal query the entities must match.' },
      scopeQ: { check: { kind: 'scopeq' }, doc: 'A scope query the entities must match.' },
      lang: { check: { kind: 'string' }, doc: 'The language for LanguageProperties in notifications.' },
      jsonldContext: { check: { kind: 'uri' }, doc: 'The @context (a URL) the notifications are compacted with.' },
      datasetId: { check: { kind: 'uris' }, doc: 'Only these attribute instances (datasetIds) are notified.' },
      expandValues: { check: { kind: 'names' }, doc: 'Attributes whose values are expanded as IRIs.' },
      cooldown: { check: { kind: 'number', positive: true }, doc: 'Seconds to wait before notifying again after a failure.' },
      localOnly: { check: { kind: 'boolean' }, doc: 'Only local entities, not those of context sources.' },
      join: { check: { kind: 'enum', values: ['flat', 'inline', '@none'] }, doc: 'Linked entities are added: flat, inline or @none.' },
      joinLevel: { check: { kind: 'number', positive: true, integer: true }, doc: 'How deep linked entities are followed.' },
      status: broker('The broker reports active, paused or expired.'),
      createdAt: broker('Set by the broker.'),
      modifiedAt: broker('Set by the broker.'),
    },
  },
  NotificationParams: {
    name: 'NotificationParams',
    clause: '5.2.14',
    doc: 'Where and how notifications are sent.',
    members: {
      attributes: { check: { kind: 'names' }, doc: 'Only these attributes are notified; cannot be combined with pick or omit.' },
      sysAttrs: { check: { kind: 'boolean' }, doc: 'Include createdAt and modifiedAt.' },
      format: { check: { kind: 'enum', values: NOTIFICATION_FORMATS }, doc: 'The representation of notified entities: normalized, concise, keyValues/simplified, or a GeoJSON one.' },
      endpoint: { check: { kind: 'object', of: 'Endpoint' }, required: true, doc: 'Where notifications go.' },
      pick: { check: { kind: 'projection' }, doc: 'Only these members of the entities (projection).' },
      omit: { check: { kind: 'projection' }, doc: 'All members but these (projection).' },
      showChanges: { check: { kind: 'boolean' }, doc: 'Include previousValue and its kin.' },
      join: { check: { kind: 'enum', values: ['flat', 'inline', '@none'] }, doc: 'Linked entities are added: flat, inline or @none.' },
      joinLevel: { check: { kind: 'number', positive: true, integer: true }, doc: 'How deep linked entities are followed.' },
      status: broker('The broker reports ok or failed.'),
      timesSent: broker('Set by the broker.'),
      timesFailed: broker('Set by the broker.'),
      lastNotification: broker('Set by the broker.'),
      lastFailure: broker('Set by the broker.'),
      lastSuccess: broker('Set by the broker.'),
    },
  },
  Endpoint: {
    name: 'Endpoint',
    clause: '5.2.15',
    doc: 'The receiver of notifications.',
    members: {
      uri: { check: { kind: 'uri', schemes: ENDPOINT_SCHEMES }, required: true, doc: 'The receiver: an http, https, mqtt or mqtts URI.' },
      accept: { check: { kind: 'enum', values: ACCEPT_TYPES }, doc: 'The media type of notifications: application/json, application/ld+json or application/geo+json.' },
      timeout: { check: { kind: 'number', positive: true }, doc: 'Seconds to wait for the receiver.' },
      cooldown: { check: { kind: 'number', positive: true }, doc: 'Seconds to wait after a failed notification.' },
      receiverInfo: { check: { kind: 'key-values' }, doc: 'Headers or MQTT user properties sent to the receiver: [{"key": ..., "value": ...}].' },
      notifierInfo: { check: { kind: 'key-values' }, doc: 'Settings of the notifier (for example MQTT QoS): [{"key": ..., "value": ...}].' },
    },
  },
  EntitySelector: {
    name: 'EntitySelector',
    clause: '5.2.33',
    doc: 'Selects entities by type, and by id or id pattern.',
    members: {
      type: { check: { kind: 'type-name' }, required: true, doc: 'The entity type (mandatory).' },
      id: { check: { kind: 'uri' }, doc: 'One entity id; excludes idPattern.' },
      idPattern: { check: { kind: 'regex' }, doc: 'A regular expression the entity ids match; excludes id.' },
    },
  },
  GeoQuery: {
    name: 'GeoQuery',
    clause: '5.2.13',
    doc: 'A geographical query.',
    members: {
      geometry: { check: { kind: 'enum', values: ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'] }, required: true, doc: 'The GeoJSON geometry type of the reference shape.' },
      coordinates: { check: { kind: 'any' }, required: true, doc: 'The reference shape\'s coordinates (a JSON array, or a string holding one).' },
      georel: { check: { kind: 'string' }, required: true, doc: 'The relation: near;maxDistance==n, near;minDistance==n, within, contains, intersects, equals, disjoint, overlaps.' },
      geoproperty: { check: { kind: 'string' }, doc: 'The GeoProperty compared; location when absent.' },
    },
  },
  TemporalQuery: {
    name: 'TemporalQuery',
    clause: '5.2.21',
    doc: 'A temporal query.',
    members: {
      timerel: { check: { kind: 'enum', values: TIMERELS }, doc: 'before, after or between timeAt (and endTimeAt).' },
      timeAt: { check: { kind: 'datetime' }, doc: 'The reference DateTime; required with timerel.' },
      endTimeAt: { check: { kind: 'datetime' }, doc: 'The end of the interval; required with between.' },
      timeproperty: { check: { kind: 'enum', values: TIMEPROPERTIES }, doc: 'The time compared: observedAt (default), createdAt, modifiedAt or deletedAt.' },
      lastN: { check: { kind: 'number', positive: true, integer: true }, doc: 'Only the last N instances (a positive integer).' },
      aggrMethods: { check: { kind: 'enum-list', values: AGGREGATION_METHODS, allowString: true }, doc: 'Aggregation methods, when the query asks for the aggregated representation.' },
      aggrPeriodDuration: { check: { kind: 'duration' }, doc: 'The period each aggregate covers (an ISO 8601 duration such as PT1H).' },
    },
  },
  ContextSourceRegistration: {
    name: 'ContextSourceRegistration',
    clause: '5.2.9',
    doc: 'Registers a context source that holds or serves entities.',
    open: true,
    members: {
      '@context': { check: { kind: 'any' }, doc: 'The JSON-LD @context.' },
      id: { check: { kind: 'uri' }, doc: 'The registration id, a URI. Optional: the broker assigns one.' },
      type: { check: { kind: 'enum', values: ['ContextSourceRegistration'] }, required: true, doc: 'Always "ContextSourceRegistration".' },
      registrationName: { check: { kind: 'string' }, doc: 'A name for people.' },
      description: { check: { kind: 'string' }, doc: 'A description for people.' },
      information: { check: { kind: 'array', of: 'RegistrationInfo', nonEmpty: true }, required: true, doc: 'What the context source provides: entities, property and relationship names.' },
      tenant: { check: { kind: 'uri' }, doc: 'The tenant at the context source.' },
      observationInterval: { check: { kind: 'object', of: 'TimeInterval' }, doc: 'When the provided data was observed.' },
      managementInterval: { check: { kind: 'object', of: 'TimeInterval' }, doc: 'When the provided data was managed.' },
      location: { check: { kind: 'geometry' }, doc: 'Where the provided entities are: a GeoJSON geometry (not a GeoProperty).' },
      observationSpace: { check: { kind: 'geometry' }, doc: 'A GeoJSON geometry.' },
      operationSpace: { check: { kind: 'geometry' }, doc: 'A GeoJSON geometry.' },
      expiresAt: { check: { kind: 'datetime' }, doc: 'When the registration ends (a DateTime in the future).' },
      endpoint: { check: { kind: 'uri' }, required: true, doc: 'The context source\'s URI.' },
      contextSourceInfo: { check: { kind: 'key-values' }, doc: 'Headers sent to the context source: [{"key": ..., "value": ...}].' },
      scope: { check: { kind: 'any' }, doc: 'Scopes of the provided entities.' },
      mode: { check: { kind: 'enum', values: REGISTRATION_MODES }, doc: 'inclusive (default), exclusive, redirect or auxiliary.' },
      operations: { check: { kind: 'enum-list', values: OPERATIONS }, doc: 'The operations the context source supports, or groups of them.' },
      refreshRate: { check: { kind: 'duration' }, doc: 'How often the source\'s data is refreshed (an ISO 8601 duration).' },
      management: { check: { kind: 'object', of: 'RegistrationManagementInfo' }, doc: 'How the broker handles the context source.' },
      status: broker('The broker reports ok or failed.'),
      timesSent: broker('Set by the broker.'),
      timesFailed: broker('Set by the broker.'),
      lastSuccess: broker('Set by the broker.'),
      lastFailure: broker('Set by the broker.'),
      createdAt: broker('Set by the broker.'),
      modifiedAt: broker('Set by the broker.'),
    },
  },
  RegistrationInfo: {
    name: 'RegistrationInfo',
    clause: '5.2.10',
    doc: 'One group of what a context source provides.',
    members: {
      entities: { check: { kind: 'array', of: 'EntitySelector', nonEmpty: true }, doc: 'The entities provided.' },
      propertyNames: { check: { kind: 'names', nonEmpty: true }, doc: 'The Property names provided.' },
      relationshipNames: { check: { kind: 'names', nonEmpty: true }, doc: 'The Relationship names provided.' },
    },
  },
  TimeInterval: {
    name: 'TimeInterval',
    clause: '5.2.11',
    doc: 'A span of time.',
    members: {
      startAt: { check: { kind: 'datetime' }, required: true, doc: 'The start (a DateTime).' },
      endAt: { check: { kind: 'datetime' }, doc: 'The end (a DateTime after startAt).' },
    },
  },
  RegistrationManagementInfo: {
    name: 'RegistrationManagementInfo',
    clause: '5.2.34',
    doc: 'How the broker handles a context source.',
    members: {
      localOnly: { check: { kind: 'boolean' }, doc: 'Do not forward requests further.' },
      cacheDuration: { check: { kind: 'duration' }, doc: 'How long answers may be cached (an ISO 8601 duration).' },
      timeout: { check: { kind: 'number', positive: true }, doc: 'Milliseconds to wait for the context source.' },
      cooldown: { check: { kind: 'number', positive: true }, doc: 'Milliseconds to wait after a failure.' },
    },
  },
  Query: {
    name: 'Query',
    clause: '5.2.23',
    doc: 'The body of a query sent with POST (entity operations query, temporal query).',
    members: {
      '@context': { check: { kind: 'any' }, doc: 'The JSON-LD @context.' },
      type: { check: { kind: 'enum', values: ['Query'] }, required: true, doc: 'Always "Query".' },
      entities: { check: { kind: 'array', of: 'EntitySelector', nonEmpty: true }, doc: 'The entities queried.' },
      attrs: { check: { kind: 'names', nonEmpty: true }, doc: 'Only these attributes; cannot be combined with pick or omit.' },
      pick: { check: { kind: 'projection' }, doc: 'Only these members (projection).' },
      omit: { check: { kind: 'projection' }, doc: 'All members but these (projection).' },
      q: { check: { kind: 'q' }, doc: 'A query (NGSI-LD query language).' },
      geoQ: { check: { kind: 'object', of: 'GeoQuery' }, doc: 'A geographical query.' },
      csf: { check: { kind: 'q' }, doc: 'A filter on context source registrations.' },
      temporalQ: { check: { kind: 'object', of: 'TemporalQuery' }, doc: 'A temporal query.' },
      scopeQ: { check: { kind: 'scopeq' }, doc: 'A scope query.' },
      lang: { check: { kind: 'string' }, doc: 'The language for LanguageProperties.' },
      aggrParams: { check: { kind: 'object', of: 'AggregationParams' }, doc: 'Aggregation of temporal values.' },
      datasetId: { check: { kind: 'uris' }, doc: 'Only these attribute instances.' },
    },
  },
  AggregationParams: {
    name: 'AggregationParams',
    clause: '4.5.19',
    doc: 'How temporal values are aggregated.',
    members: {
      aggrMethods: { check: { kind: 'enum-list', values: AGGREGATION_METHODS, allowString: true }, required: true, doc: 'totalCount, distinctCount, sum, avg, min, max, stddev, sumsq.' },
      aggrPeriodDuration: { check: { kind: 'duration' }, doc: 'The period each aggregate covers (an ISO 8601 duration such as PT1H).' },
    },
  },
  Notification: {
    name: 'Notification',
    clause: '5.3.1',
    doc: 'What a broker sends to a subscription\'s endpoint.',
    members: {
      '@context': { check: { kind: 'any' }, doc: 'The JSON-LD @context.' },
      id: { check: { kind: 'uri' }, required: true, doc: 'The notification id, a URI.' },
      type: { check: { kind: 'enum', values: ['Notification', 'ContextSourceNotification'] }, required: true, doc: 'Always "Notification".' },
      subscriptionId: { check: { kind: 'uri' }, required: true, doc: 'The subscription that caused it.' },
      notifiedAt: { check: { kind: 'datetime' }, required: true, doc: 'When it was sent.' },
      data: { check: { kind: 'entities' }, required: true, doc: 'The entities notified.' },
      triggerReason: { check: { kind: 'enum', values: NOTIFICATION_TRIGGERS }, doc: 'What triggered it.' },
    },
  },
};
