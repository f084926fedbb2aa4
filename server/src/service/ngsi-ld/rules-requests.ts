import { defineRules } from '../rule-definition';

const notification = '"notification": {"endpoint": {"uri": "https://example.org/notify", "accept": "application/json"}}';
const subscription = (members: string) => `{"type": "Subscription", ${members}}`;

/** NGSI-LD payloads beyond entities: subscriptions, registrations, queries, temporal payloads (MIM1). */
export const requestRules = defineRules({
  'ngsi-ld/required-member': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'error',
    title: 'Subscriptions, registrations and queries have their mandatory members',
    docs:
      'A Subscription needs `notification` and, inside it, `endpoint` with its `uri`; a ContextSourceRegistration ' +
      'needs `information` and `endpoint`; a selector needs `type`; a temporal query with `timerel` needs `timeAt` ' +
      '(and `endTimeAt` for `between`). A body that carries only some members of a subscription or registration ' +
      '(no `notification` and no selectors; no `information` and no `endpoint`) is read as an update, where nothing ' +
      'is mandatory; an update that sets a mandatory member to null is refused.',
    source: 'NGSI-SUB-S-004, NGSI-CSR-002, -003, NGSI-TMP-004; GS CIM 009 clauses 5.2.9 to 5.2.15; ETSI tests 033_10, 038_08_01',
    brokerError: 'BadRequestData',
    valid: { file: 'subscription.json', text: subscription(`"entities": [{"type": "Vehicle"}], ${notification}`) },
    invalid: { file: 'subscription.json', text: '⟦' + subscription('"entities": [{"type": "Vehicle"}]') + '⟧' },
  },
  'ngsi-ld/member-value': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'error',
    title: 'Each member of a subscription, registration or query has a valid value',
    docs:
      'The value each member takes: `format` one of normalized, concise, keyValues, simplified or a GeoJSON form; ' +
      '`accept` one of application/json, application/ld+json, application/geo+json; `endpoint.uri` an http, https, ' +
      'mqtt or mqtts URI; `throttling` and `timeInterval` positive numbers; `isActive` a boolean; `idPattern` a ' +
      'regular expression that compiles; `mode` inclusive, exclusive, redirect or auxiliary; `lastN` a positive ' +
      'integer; durations in ISO 8601; and so on for every member.',
    source: 'NGSI-SUB-S-004 to -009, NGSI-CSR-004, NGSI-TMP-004; GS CIM 009 clause 5.2; ETSI tests 028_05, 028_07',
    brokerError: 'BadRequestData',
    valid: { file: 'subscription.json', text: subscription(`"entities": [{"type": "Vehicle"}], "throttling": 5, ${notification}`) },
    invalid: { file: 'subscription.json', text: subscription(`"entities": [{"type": "Vehicle"}], "throttling": ⟦-30⟧, ${notification}`) },
  },
  'ngsi-ld/unknown-member': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'warning',
    title: 'Subscriptions, registrations and queries carry only their own members',
    docs:
      'Scorpio refuses a member it does not know ("The key X is an invalid entry"); Orion-LD and Stellio ignore it, ' +
      'so a misspelt `watchedAttribute` silently makes the subscription fire on every change. The message names ' +
      'the member most likely meant. Registrations may carry properties of the context source and are not checked ' +
      'for this at their top level.',
    source: 'NGSI-SUB-S-010; Scorpio',
    valid: { file: 'subscription.json', text: subscription(`"entities": [{"type": "Vehicle"}], "watchedAttributes": ["speed"], ${notification}`) },
    invalid: { file: 'subscription.json', text: subscription(`"entities": [{"type": "Vehicle"}], ⟦"watchedAttribute"⟧: ["speed"], ${notification}`) },
    fix: 'Rename to the member meant',
  },
  'ngsi-ld/broker-member': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'warning',
    title: 'Members the broker sets are not sent',
    docs: '`status`, `timesSent`, `timesFailed`, `lastNotification`, `lastFailure`, `lastSuccess`, `createdAt` and `modifiedAt` of subscriptions and registrations are reported by the broker; in a request they are ignored.',
    source: 'GS CIM 009 clauses 5.2.9, 5.2.12, 5.2.14',
    valid: { file: 'subscription.json', text: subscription(`"entities": [{"type": "Vehicle"}], ${notification}`) },
    invalid: { file: 'subscription.json', text: subscription(`"entities": [{"type": "Vehicle"}], ⟦"status"⟧: "active", ${notification}`) },
    fix: 'Remove the member',
  },
  'ngsi-ld/subscription-target': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 Subscription'], 'new-format': ['Accessing R3.1'] },
    severity: 'error',
    title: 'A subscription names entities or watched attributes',
    docs:
      'A subscription says what it watches: `entities` (selectors by type and id or idPattern), `watchedAttributes`, or ' +
      'both. A body with neither can only be the update (PATCH) of an existing subscription, and is read as one unless ' +
      '`mim.payloadKinds` declares the file a subscription, which makes it a create.',
    source: 'NGSI-SUB-S-002; GS CIM 009 clause 5.2.12; Stellio',
    brokerError: 'BadRequestData',
    valid: { file: 'subscription.json', text: subscription(`"watchedAttributes": ["speed"], ${notification}`), settings: { payloadKinds: { '*.json': 'subscription' } } },
    invalid: { file: 'subscription.json', text: '⟦' + subscription(notification) + '⟧', settings: { payloadKinds: { '*.json': 'subscription' } } },
  },
  'ngsi-ld/exclusive-members': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'error',
    title: 'Members that exclude each other are not combined',
    docs:
      '`throttling` and `timeInterval`; `timeInterval` and `watchedAttributes`; `attributes` with `pick` or `omit` ' +
      'in a notification; `attrs` with `pick` or `omit` in a query; `id` and `idPattern` in a selector; and the same ' +
      'member both in `pick` and in `omit`.',
    source: 'NGSI-SUB-S-003, -005, -006, NGSI-ATTRS-001; ETSI tests 028_05_01, 028_08',
    brokerError: 'BadRequestData',
    valid: { file: 'subscription.json', text: subscription(`"entities": [{"type": "Vehicle"}], "throttling": 5, ${notification}`) },
    invalid: { file: 'subscription.json', text: subscription(`"entities": [{"type": "Vehicle"}], "throttling": 5, ⟦"timeInterval"⟧: 60, ${notification}`) },
  },
  'ngsi-ld/expires-at': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 Subscription'], 'new-format': ['Accessing R3.1'] },
    severity: 'warning',
    title: 'A subscription or registration does not expire in the past',
    docs: '`expiresAt` must lie in the future when the payload is sent; the editor compares it with its own clock, so this is a warning.',
    source: 'NGSI-SUB-S-007, NGSI-CSR-005; ETSI tests 029_11, 033_10_02',
    valid: { file: 'subscription.json', text: subscription(`"entities": [{"type": "Vehicle"}], "expiresAt": "2099-01-01T00:00:00Z", ${notification}`) },
    invalid: { file: 'subscription.json', text: subscription(`"entities": [{"type": "Vehicle"}], "expiresAt": ⟦"2001-01-01T00:00:00Z"⟧, ${notification}`) },
  },
  'ngsi-ld/endpoint-insecure': {
    mim: 'MIM6',
    requirements: { '2022': ['2022 MIM6'], 'new-format': ['MIM6 (not redrafted)', 'Accessing C4'] },
    severity: 'warning',
    title: 'Notifications and forwarded requests go over https or mqtts',
    docs:
      'A subscription whose `notification.endpoint.uri` is `http://` or `mqtt://`, and a registration whose `endpoint` is ' +
      '`http://`, send the entities (and every header of `receiverInfo` or `contextSourceInfo`, tokens included) unencrypted: ' +
      'anyone on the way can read and change them. Use `https://` or `mqtts://`; the receiver must accept TLS, so the fix ' +
      'is offered but never applied by "Fix all". Loopback hosts (`localhost`, `127.0.0.1`, `[::1]`) are not reported: that ' +
      'traffic never leaves the machine. A receiver inside a closed network (a container network, say) is still reported; ' +
      'switch the rule off for such a folder with `mim.rules` if that is a decision you have taken. Reported on the scheme.',
    source: 'MIM6 Security (baselines ISO/IEC 27005, NIST SP 800-53 SC-8 transmission confidentiality); GS CIM 009 clause 5.2.15 (Endpoint)',
    valid: { file: 'subscription.json', text: subscription(`"entities": [{"type": "Vehicle"}], "notification": {"endpoint": {"uri": "https://receiver.example.org/notify"}}`) },
    invalid: { file: 'subscription.json', text: subscription(`"entities": [{"type": "Vehicle"}], "notification": {"endpoint": {"uri": "⟦http⟧://receiver.example.org/notify"}}`) },
    fix: 'Use https://',
  },
  'ngsi-ld/clear-text-credential': {
    mim: 'MIM6',
    requirements: { '2022': ['2022 MIM6'], 'new-format': ['MIM6 (not redrafted)', 'Accessing C4'] },
    severity: 'warning',
    title: 'No credentials in clear text in subscriptions and registrations',
    docs:
      'Payload files end up in repositories, tickets and logs, so a credential written in one is a credential shared. ' +
      'Reported: an entry of `receiverInfo`, `notifierInfo` (subscriptions) or `contextSourceInfo` (registrations) whose ' +
      '`key` names a credential (`Authorization`, `Proxy-Authorization`, `X-Auth-Token` and other `*-Token` names, ' +
      '`X-API-Key`, `apikey`, `*-Secret`, `Password`, `Cookie`) or whose `value` is one whatever its name (`Bearer ...`, ' +
      '`Basic ...`, a JSON Web Token); a password in an endpoint URI (`https://user:password@host/`); a token, key, secret ' +
      'or signature in its query (`?access_token=...`). Placeholders filled in when the payload is sent are fine: ' +
      '`${TOKEN}`, `{{token}}`, `<token>`, `$TOKEN`, `%TOKEN%`, `env:TOKEN`, `****`. The fix writes such a placeholder; ' +
      'it is never applied by "Fix all". Reported on the credential.',
    source: 'MIM6 Security (baselines ISO/IEC 27005, NIST SP 800-53 IA-5 authenticator management); GS CIM 009 clauses 5.2.9 (contextSourceInfo) and 5.2.15 (receiverInfo, notifierInfo)',
    valid: {
      file: 'subscription.json',
      text: subscription(`"entities": [{"type": "Vehicle"}], "notification": {"endpoint": {"uri": "https://receiver.example.org/notify", "receiverInfo": [{"key": "Authorization", "value": "Bearer \${NOTIFY_TOKEN}"}, {"key": "Fiware-Service", "value": "city"}]}}`),
    },
    invalid: {
      file: 'subscription.json',
      text: subscription(`"entities": [{"type": "Vehicle"}], "notification": {"endpoint": {"uri": "https://receiver.example.org/notify", "receiverInfo": [{"key": "Authorization", "value": ⟦"Bearer 3f9a1c7e5b2d4f60a8c9e1b7d3f5a2c4"⟧}]}}`),
    },
    fix: 'Replace with a placeholder',
  },
  'ngsi-ld/q': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 Query'], 'new-format': ['Accessing R2.2'] },
    severity: 'error',
    title: 'A q query follows the NGSI-LD query language',
    docs:
      'Attribute paths, comparison operators, ranges `a..b` and lists `a,b` (with `==` and `!=` only), patterns with ' +
      '`~=`, `;` for AND, `|` for OR and parentheses. The error is reported at the exact character inside the string. ' +
      'A bare attribute name is a valid existence test. Some forms brokers accept but the grammar does not (single ' +
      'quotes, spaces, an unquoted word after `==`) are warnings.',
    source: 'NGSI-Q-001 to -004; GS CIM 009 clause 4.9',
    brokerError: 'BadRequestData',
    valid: { file: 'subscription.json', text: subscription(`"entities": [{"type": "Vehicle"}], "q": "speed>50;brand==\\"Seat\\"", ${notification}`) },
    invalid: { file: 'subscription.json', text: subscription(`"entities": [{"type": "Vehicle"}], "q": "speed⟦>⟧", ${notification}`) },
  },
  'ngsi-ld/geoq': {
    mim: 'MIM7',
    requirements: { '2022': ['2022 MIM7 Encoding', '2022 MIM1 Query'], 'new-format': ['Geospatial R2.1', 'Accessing R2.2'] },
    severity: 'error',
    title: 'A geo-query has a valid georel, geometry and coordinates',
    docs:
      '`georel` is near (with `maxDistance` or `minDistance`), within, contains, intersects, equals, disjoint or ' +
      'overlaps; `geometry` a GeoJSON geometry type; `coordinates` the positions that geometry needs. Orion-LD wants a ' +
      'Point for near and a Polygon for within, Stellio whole-number distances: those are warnings where the spec is ' +
      'wider.',
    source: 'NGSI-GEOQ-001 to -003; GS CIM 009 clause 4.10; Orion-LD, Stellio, Scorpio',
    brokerError: 'BadRequestData',
    valid: {
      file: 'subscription.json',
      text: subscription(`"entities": [{"type": "Vehicle"}], "geoQ": {"georel": "near;maxDistance==2000", "geometry": "Point", "coordinates": [-3.7, 40.4]}, ${notification}`),
    },
    invalid: {
      file: 'subscription.json',
      text: subscription(`"entities": [{"type": "Vehicle"}], "geoQ": {"georel": "⟦near⟧", "geometry": "Point", "coordinates": [-3.7, 40.4]}, ${notification}`),
    },
  },
  'ngsi-ld/scopeq': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 Query'], 'new-format': ['Accessing R2.2'] },
    severity: 'error',
    title: 'A scope query follows the scope grammar',
    docs: 'Scope paths of `/` levels, `+` for one level, `#` for all below, combined with `,` (OR) and, in parentheses, `;` (AND).',
    source: 'NGSI-SCOPEQ-001; GS CIM 009 clause 4.19',
    brokerError: 'BadRequestData',
    valid: { file: 'subscription.json', text: subscription(`"entities": [{"type": "Vehicle"}], "scopeQ": "/Madrid/#", ${notification}`) },
    invalid: { file: 'subscription.json', text: subscription(`"entities": [{"type": "Vehicle"}], "scopeQ": "/Madrid⟦//⟧Centro", ${notification}`) },
  },
  'ngsi-ld/projection': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 Query'], 'new-format': ['Accessing R2.2'] },
    severity: 'error',
    title: 'Attribute lists and pick/omit projections are well formed',
    docs: 'Comma-separated attribute names for `attrs` and `watchedAttributes` written as strings; the projection grammar for `pick` and `omit`: names, `name{sub,sub}`, separated by `,` or `|`.',
    source: 'NGSI-ATTRS-001; GS CIM 009 clause 4.21; Stellio projection errors',
    brokerError: 'BadRequestData',
    valid: { file: 'query.json', text: '{"type": "Query", "entities": [{"type": "Vehicle"}], "pick": "id,speed{value}"}' },
    invalid: { file: 'query.json', text: '{"type": "Query", "entities": [{"type": "Vehicle"}], "pick": "id,speed⟦{⟧value"}' },
  },
  'ngsi-ld/registration-mode': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'error',
    title: 'An exclusive registration names entity ids and attributes',
    docs: 'A context source registered in `exclusive` mode is the only source of the attributes it names, so each RegistrationInfo lists entities by `id` and the `propertyNames` or `relationshipNames` it holds.',
    source: 'NGSI-CSR-004; GS CIM 009 clause 4.3.6.2',
    brokerError: 'BadRequestData',
    valid: {
      file: 'registration.json',
      text: '{"type": "ContextSourceRegistration", "mode": "exclusive", "information": [{"entities": [{"id": "urn:ngsi-ld:Vehicle:1", "type": "Vehicle"}], "propertyNames": ["speed"]}], "endpoint": "https://example.org/source"}',
    },
    invalid: {
      file: 'registration.json',
      text: '{"type": "ContextSourceRegistration", "mode": "exclusive", "information": [⟦{"entities": [{"type": "Vehicle"}]}⟧], "endpoint": "https://example.org/source"}',
    },
  },
  'ngsi-ld/temporal-instances': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 Query'], 'new-format': ['Accessing R2.1'] },
    severity: 'warning',
    title: 'A temporal payload gives each attribute as instances in time',
    docs:
      'In the temporal representation (create or append temporal evolution) each attribute is an array of instances, ' +
      'and each instance carries `observedAt`, which temporal queries use by default. A file is read as temporal when ' +
      'an attribute holds several observations of the same instance (or `instanceId`s), or when `mim.payloadKinds` says so.',
    source: 'NGSI-TMP-001, NGSI-MULTI-005; GS CIM 009 clauses 4.5.7 and 5.6.11',
    valid: {
      file: 'vehicle.json',
      text: '{"id": "urn:ngsi-ld:Vehicle:1", "type": "Vehicle", "speed": [{"type": "Property", "value": 80, "observedAt": "2024-05-01T10:00:00Z"}, {"type": "Property", "value": 90, "observedAt": "2024-05-01T10:05:00Z"}]}',
    },
    invalid: {
      file: 'vehicle.json',
      text: '{"id": "urn:ngsi-ld:Vehicle:1", "type": "Vehicle", "speed": [{"type": "Property", "value": 80, "observedAt": "2024-05-01T10:00:00Z"}, {"type": "Property", "value": 90, "observedAt": "2024-05-01T10:05:00Z"}], "fuel": ⟦{"type": "Property", "value": 40, "observedAt": "2024-05-01T10:00:00Z"}⟧}',
    },
    fix: 'Put the instance in an array',
  },
  'ngsi-ld/temporal-output': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 Query'], 'new-format': ['Accessing R2.1'] },
    severity: 'information',
    title: 'The simplified and aggregated temporal representations are output',
    docs: 'Attributes written as `values` (or `objects`, `avg`, `max`...) arrays of `[value, time]` pairs are what a broker returns for temporal queries with the simplified or aggregated options; they are not accepted as input.',
    source: 'NGSI-TMP-003; GS CIM 009 clauses 4.5.8 and 4.5.19',
    valid: {
      file: 'vehicle.json',
      text: '{"id": "urn:ngsi-ld:Vehicle:1", "type": "Vehicle", "speed": [{"type": "Property", "value": 80, "observedAt": "2024-05-01T10:00:00Z"}, {"type": "Property", "value": 90, "observedAt": "2024-05-01T10:05:00Z"}]}',
    },
    invalid: { file: 'vehicle.json', text: '{"id": "urn:ngsi-ld:Vehicle:1", "type": "Vehicle", "speed": ⟦{"type": "Property", "values": [[80, "2024-05-01T10:00:00Z"], [90, "2024-05-01T10:05:00Z"]]}⟧}' },
  },
  'ngsi-ld/undefined-term': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions', '2022 MIM1 Shared concepts'], 'new-format': ['Representing R1.1', 'Interlinking C2'] },
    severity: 'warning',
    title: 'Attribute and type names are defined by the @context',
    docs:
      'Every attribute name and entity type of a JSON-LD payload is expanded to an IRI with its @context. A name that ' +
      'no context defines silently expands to the default vocabulary `https://uri.etsi.org/ngsi-ld/default-context/`, ' +
      'so queries written with the vocabulary the payload meant never find it; a misspelt attribute is the common ' +
      'cause. The message names the defined term most likely meant. The check needs every context of the payload: ' +
      'while one cannot be read (see ngsi-ld/context-unavailable) it is not made. Hover shows the IRI of a name.',
    source: 'NGSI-CTX-007; core @context "@vocab"; MIM Representing data R1.1',
    valid: {
      file: 'car.jsonld',
      text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 50}, "@context": [{"Car": "https://example.org/Car", "speed": "https://example.org/speed"}, "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"]}',
    },
    invalid: {
      file: 'car.jsonld',
      text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", ⟦"sped"⟧: {"type": "Property", "value": 50}, "@context": [{"Car": "https://example.org/Car", "speed": "https://example.org/speed"}, "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"]}',
    },
    fix: 'Rename to the defined term',
  },
  'ngsi-ld/context-unavailable': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 Shared concepts'], 'new-format': ['Interlinking C2'] },
    severity: 'warning',
    title: 'Every @context of a payload can be read',
    docs:
      'Contexts are read from `mim.contexts.map`, from a local Smart Data Models checkout (their published URLs map to ' +
      'it like the schemas do), from the download cache, or downloaded where `mim.download.enable` allows it in a ' +
      'trusted workspace. A context that cannot be read is reported once, on its URL, with the reason; the other ' +
      'checks go on, and only the names it would define are left unchecked.',
    source: 'NGSI-CTX-004; ProblemDetails LdContextNotAvailable',
    valid: { file: 'car.jsonld', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "@context": [{"Car": "https://example.org/Car"}, "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"]}' },
    invalid: { file: 'car.jsonld', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "@context": [⟦"https://example.org/no-such-context.jsonld"⟧, "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"]}' },
  },
  'ngsi-ld/core-term-redefined': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 Shared concepts'], 'new-format': ['Interlinking C2'] },
    severity: 'error',
    title: 'User contexts do not redefine core terms',
    docs:
      'The core context is `@protected`. A user context that redefines one of its terms (`status`, `mode`, `data`, ' +
      '`location`, `description`, `title`...) after the core context in the @context array makes JSON-LD expansion fail ' +
      '("protected term redefinition"): an error. Before the core, or when the broker appends the core itself, the core ' +
      'definition silently wins and the user\'s meaning is lost: a warning. `name` is not a core term.',
    source: 'NGSI-CTX-005; core @context v1.9 "@protected"; JSON-LD 1.1 protected term definitions',
    brokerError: 'BadRequestData',
    valid: { file: 'car.jsonld', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "@context": [{"Car": "https://example.org/Car", "carStatus": "https://example.org/status"}, "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"]}' },
    invalid: { file: 'car.jsonld', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "@context": ["https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld", {"Car": "https://example.org/Car", ⟦"status"⟧: "https://example.org/status"}]}' },
  },
  'ngsi-ld/core-context-position': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 Shared concepts'], 'new-format': ['Interlinking C2'] },
    severity: 'warning',
    title: 'The core context comes last, in a published version',
    docs: 'When a payload names the NGSI-LD core context, it should be the last entry of its @context array, and a published version (1.3 to 1.9, or the unversioned URL for the latest).',
    source: 'NGSI-CTX-006; GS CIM 009 clause 6.3.5',
    valid: { file: 'car.jsonld', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "@context": [{"Car": "https://example.org/Car"}, "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"]}' },
    invalid: { file: 'car.jsonld', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "@context": [⟦"https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"⟧, {"Car": "https://example.org/Car"}]}' },
  },
});
