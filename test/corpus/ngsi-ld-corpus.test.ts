import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { catalogFor, check, checkWithModels } from '../helpers/engine';

// The NGSI-LD payloads in ../shared/corpus were written by others (the ETSI test suite, a fork of it, and
// Stellio's fixtures). A broker must reject the files listed in ../shared/spec/etsi-expected.md; every other
// request payload must pass without errors. Files under expectations/ are broker responses, not requests:
// they are only run through the engine to show that nothing breaks on them.

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus');

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (/\.json(ld)?$/.test(name)) out.push(full);
  }
  return out;
}

const ETSI = 'etsi-ngsi-ld-test-suite/data/';
const FORK = 'etsi-ngsi-ld-test-suite-fork-additions/data/';
const STELLIO = 'stellio-fixtures/';

/**
 * Request payloads a broker rejects, with the errors we report (code and 1-based line). The reasons come
 * from etsi-expected.md.
 */
const NEGATIVE: Record<string, [code: string, line: number][]> = {
  // Not JSON: InvalidRequest.
  [`${ETSI}entities/invalid-json.jsonld`]: [['json/syntax', 3]],
  [`${ETSI}entities/batch/invalid-json.jsonld`]: [['json/syntax', 3]],
  [`${ETSI}entities/fragmentEntities/invalid-fragment.jsonld`]: [['json/syntax', 3]],
  [`${ETSI}temporalEntities/vehicle-temporal-representation-invalid-json.jsonld`]: [['json/syntax', 2]],
  [`${ETSI}temporalEntities/fragments/vehicle-temporal-representation-invalid-json-fragment.jsonld`]: [['json/syntax', 2]],
  [`${ETSI}subscriptions/subscription-invalid-json.jsonld`]: [['json/syntax', 2]],
  [`${ETSI}csourceRegistrations/context-source-registration-invalid-json.json`]: [['json/syntax', 3]],
  [`${ETSI}csourceSubscriptions/fragments/subscription-update-invalid-json.json`]: [['json/syntax', 3]],
  [`${ETSI}jsonldContext/@context-wrong-json.json`]: [['json/syntax', 3], ['json/syntax', 4]],
  // Empty bodies.
  [`${ETSI}temporalEntities/vehicle-temporal-representation-empty-json.jsonld`]: [['json/syntax', 1]],
  [`${ETSI}temporalEntities/fragments/vehicle-temporal-representation-empty-json-fragment.jsonld`]: [['json/syntax', 1]],
  // An empty array: refused as an entity and as a batch.
  [`${ETSI}entities/empty.jsonld`]: [['ngsi-ld/batch-empty', 1]],
  [`${ETSI}entities/batch/empty.jsonld`]: [['ngsi-ld/batch-empty', 1]],
  // "type": "type" expands to @type, not to an IRI.
  [`${ETSI}entities/invalid-type.jsonld`]: [['ngsi-ld/entity-type', 3]],
  // A batch entity with "value": null.
  [`${ETSI}entities/batch/invalid-json-ld.jsonld`]: [['ngsi-ld/null-value', 7]],
  // An empty id in a temporal representation (TMP-002).
  [`${ETSI}temporalEntities/vehicle-temporal-representation-without-id.jsonld`]: [['ngsi-ld/entity-id', 2]],
  // Subscriptions.
  [`${ETSI}subscriptions/subscription-invalid-throttling-timeInterval.jsonld`]: [['ngsi-ld/exclusive-members', 4]],
  [`${ETSI}subscriptions/subscription-invalid-negative-throttling.jsonld`]: [['ngsi-ld/member-value', 16]],
  [`${ETSI}subscriptions/subscription-building-with-invalid-jsonldContext.jsonld`]: [['ngsi-ld/member-value', 16]],
  [`${ETSI}subscriptions/subscription-invalid-same-member-pick-omit.json`]: [['ngsi-ld/exclusive-members', 15]],
  [`${ETSI}subscriptions/subscription-invalid-pick-and-attributes.json`]: [['ngsi-ld/exclusive-members', 14]],
  [`${ETSI}subscriptions/subscription-invalid-omit-and-attributes.json`]: [['ngsi-ld/exclusive-members', 14]],
  // An update's notification replaces the old one whole, so it needs its endpoint.
  [`${ETSI}subscriptions/fragments/subscription-invalid-update.json`]: [['ngsi-ld/required-member', 2]],
  [`${ETSI}subscriptions/fragments/subscription-null-properties-update.json`]: [['ngsi-ld/required-member', 5]],
  [`${ETSI}csourceSubscriptions/subscription-invalid-type.jsonld`]: [['ngsi-ld/member-value', 3]],
  [`${ETSI}csourceSubscriptions/subscription-without-notification.jsonld`]: [['ngsi-ld/required-member', 1]],
  [`${ETSI}csourceSubscriptions/subscription-empty-watchedAttributes.jsonld`]: [['ngsi-ld/member-value', 9]],
  // Its type is null: an update cannot remove the mandatory type.
  [`${ETSI}csourceSubscriptions/fragments/subscription-update-invalid-type.json`]: [['ngsi-ld/required-member', 2]],
  [`${ETSI}csourceSubscriptions/fragments/subscription-update-invalid-notification.json`]: [['ngsi-ld/required-member', 2]],
  // Registrations.
  [`${ETSI}csourceRegistrations/context-source-registration-invalid.json`]: [['ngsi-ld/required-member', 1], ['ngsi-ld/required-member', 4]],
  [`${ETSI}csourceRegistrations/context-source-registration-invalid.jsonld`]: [['ngsi-ld/required-member', 1], ['ngsi-ld/required-member', 4]],
  [`${ETSI}csourceRegistrations/context-source-registration-invalid-structure.jsonld`]: [['ngsi-ld/required-member', 1]],
  // The expiry lies in the past; it is also written with a leading space, which is not a DateTime.
  [`${ETSI}csourceRegistrations/context-source-registration-past-expiration.jsonld`]: [['ngsi-ld/datetime', 31]],
  [`${ETSI}csourceRegistrations/fragments/context-source-registration-different-type.jsonld`]: [['ngsi-ld/member-value', 3]],
  // Fork additions (one contributor's reading of the spec; we agree with each verdict).
  [`${FORK}entities/meta-model-property-no-value.jsonld`]: [['ngsi-ld/main-member-missing', 4]],
  [`${FORK}entities/meta-model-property-null-value.jsonld`]: [['ngsi-ld/null-value', 4]],
  [`${FORK}entities/meta-model-relationship-no-object.jsonld`]: [['ngsi-ld/main-member-missing', 4]],
  [`${FORK}entities/meta-model-languageproperty-no-map.jsonld`]: [['ngsi-ld/main-member-missing', 4]],
  [`${FORK}entities/temporal-observedat-not-datetime.jsonld`]: [['ngsi-ld/datetime', 4]],
  [`${FORK}entities/temporal-observedat-offset.jsonld`]: [['ngsi-ld/datetime', 4]],
  [`${FORK}entities/temporal-observedat-reified.jsonld`]: [['ngsi-ld/datetime', 5]],
  [`${FORK}entities/batch/null-item.jsonld`]: [['ngsi-ld/batch-item', 9]],
  [`${FORK}jsonldContext/@context-invalid-number.json`]: [['ngsi-ld/context-value', 2]],
  [`${FORK}jsonldContext/@context-invalid-boolean.json`]: [['ngsi-ld/context-value', 2]],
  [`${FORK}jsonldContext/@context-invalid-array-item.json`]: [['ngsi-ld/context-value', 2]],
  [`${FORK}temporalEntities/temporalQ-json-invalid-timerel-query.jsonld`]: [['ngsi-ld/member-value', 7]],
  [`${FORK}temporalEntities/temporalQ-json-invalid-timeproperty-query.jsonld`]: [['ngsi-ld/member-value', 9]],
  [`${FORK}temporalEntities/temporalQ-json-between-no-end-query.jsonld`]: [['ngsi-ld/required-member', 6]],
  [`${FORK}temporalEntities/temporalQ-json-lastN-zero-query.jsonld`]: [['ngsi-ld/member-value', 9]],
  [`${FORK}temporalEntities/temporalQ-json-lastN-fractional-query.jsonld`]: [['ngsi-ld/member-value', 9]],
  [`${FORK}temporalEntities/temporalQ-json-bad-aggrPeriodDuration-query.jsonld`]: [['ngsi-ld/member-value', 10]],
  [`${FORK}temporalEntities/aggrParams-bogus-method-query.jsonld`]: [['ngsi-ld/member-value', 11]],
  [`${FORK}temporalEntities/aggrParams-bad-duration-query.jsonld`]: [['ngsi-ld/member-value', 12]],
  // Stellio's own negative fixtures (named so): an entity without type in a batch, and a merge body whose
  // type is set without an id (read as an entity missing its id).
  [`${STELLIO}search-service/src/test/resources/ngsild/two_sensors_one_invalid.jsonld`]: [['ngsi-ld/entity-type-missing', 9]],
  [`${STELLIO}search-service/src/test/resources/ngsild/aquac/fragments/BreedingService_newInvalidTypeAndAttribute.json`]: [['ngsi-ld/entity-id-missing', 1]],
  [`${STELLIO}subscription-service/src/test/resources/ngsild/subscription_incorrect_payload.json`]: [['ngsi-ld/required-member', 1]],
  [`${STELLIO}subscription-service/src/test/resources/ngsild/subscription_with_conflicting_timeInterval_watchedAttributes.json`]: [['ngsi-ld/exclusive-members', 4]],
  // Where we disagree with a file the corpus holds as valid: Stellio's subscription fixtures write a q string
  // in single quotes, which the 4.9 grammar does not have (strings are double-quoted; Stellio accepts both).
  [`${STELLIO}subscription-service/src/test/resources/ngsild/subscription.jsonld`]: [['ngsi-ld/q', 16]],
  [`${STELLIO}subscription-service/src/test/resources/ngsild/subscription_full.json`]: [['ngsi-ld/q', 20]],
  // Stellio's subscription update gives a Polygon's coordinates one level of [ ] short; its .json twin is right.
  [`${STELLIO}subscription-service/src/test/resources/ngsild/subscription_update.jsonld`]: [['ngsi-ld/geoq', 6]],
  // Where we disagree with a file the corpus holds as valid: Stellio's full registration writes its intervals
  // with "start"/"end", but a TimeInterval has "startAt" and "endAt" (5.2.11); a broker that follows the spec
  // refuses it.
  [`${STELLIO}search-service/src/test/resources/ngsild/csr/contextSourceRegistration_full.json`]: [['ngsi-ld/required-member', 37], ['ngsi-ld/required-member', 41]],
  // The same for the suite's interoperability registration whose selector has an id but no type, which 5.2.8
  // makes mandatory (its endpoint "xxx" is a placeholder, see below).
  [`${ETSI}csourceRegistrations/interoperability/context-source-registration-exclusive-1.jsonld`]: [['ngsi-ld/required-member', 7]],
};

/**
 * Files whose verdict rests on something the file cannot show. Each is checked with the given settings,
 * which the reason justifies.
 */
const OUTSIDE_THE_FILE: Record<string, { reason: string; settings: FileSettings }> = {
  [`${ETSI}entities/building-simple-attributes.json`]: {
    reason: 'its id "RandomUuidToBeReplaced" is a placeholder the suite replaces before sending',
    settings: { rules: { 'ngsi-ld/entity-id': 'off' } },
  },
  [`${ETSI}jsonldContext/minimal-entity-using-@context.jsonld`]: {
    reason: 'its @context "ContextURI" is a placeholder the suite replaces with a served context URL',
    settings: { rules: { 'ngsi-ld/context-value': 'off' } },
  },
  // The interoperability registrations carry "xxx" as endpoint, which the multi-broker tests fill in.
  ...Object.fromEntries(
    ['auxiliary-1', 'auxiliary-2', 'auxiliary-3', 'exclusive-1', 'exclusive-2', 'exclusive-3', 'inclusive-1', 'inclusive-2', 'inclusive-3', 'redirect-1', 'redirect-2', 'redirect-3', 'redirect-4'].map((n) => [
      `${ETSI}csourceRegistrations/interoperability/context-source-registration-${n}.jsonld`,
      { reason: 'its endpoint "xxx" is a placeholder filled in by the interoperability tests', settings: { rules: { 'ngsi-ld/member-value': 'off' } } },
    ]),
  ),
  // The suite expects these to be accepted, so it must send them with the other media type than their
  // extension says: without @context they can only go as application/json, with @context only as
  // application/ld+json.
  ...Object.fromEntries(
    [
      `${ETSI}entities/fragmentEntities/building-two-types-fragment.jsonld`,
      `${ETSI}temporalEntities/fragments/vehicle-temporal-modify-attribute-instance-fragment.jsonld`,
      `${ETSI}temporalEntities/vehicle-create-temporal-representation-without-context.jsonld`,
      `${ETSI}temporalEntities/entity-operations-after-query.jsonld`,
      `${ETSI}temporalEntities/entity-operations-after-query-two-entities.jsonld`,
      `${ETSI}temporalEntities/entity-operations-before-query.jsonld`,
      `${ETSI}temporalEntities/entity-operations-between-query.jsonld`,
      ...['temporalQ-json-aggrMethods-array', 'temporalQ-json-aggrMethods-string', 'temporalQ-json-lastN-one', 'aggrParams-avg', 'temporalQ-json-invalid-timerel', 'temporalQ-json-invalid-timeproperty', 'temporalQ-json-between-no-end', 'temporalQ-json-lastN-zero', 'temporalQ-json-lastN-fractional', 'temporalQ-json-bad-aggrPeriodDuration', 'aggrParams-bogus-method', 'aggrParams-bad-duration'].map(
        (n) => `${FORK}temporalEntities/${n}-query.jsonld`,
      ),
      `${ETSI}subscriptions/subscription-invalid-throttling-timeInterval.jsonld`,
      `${ETSI}subscriptions/subscription-invalid-negative-throttling.jsonld`,
    ].map((f) => [f, { reason: 'sent without @context, so as application/json', settings: { rules: { 'ngsi-ld/context-missing': 'off' } } }]),
  ),
  ...Object.fromEntries(
    [
      `${ETSI}entities/fragmentEntities/type-building-fragment.json`,
      `${ETSI}entities/fragmentEntities/type-vehicle-building-fragment.json`,
      `${ETSI}entities/fragmentEntities/type-vehicle-fragment.json`,
      `${ETSI}entities/fragmentEntities/types-vehicle-car-fragment.json`,
    ].map((f) => [f, { reason: 'accepted by the suite with @context, so sent as application/ld+json', settings: { rules: { 'ngsi-ld/context-in-json': 'off' } } }]),
  ),
  // Which request a body is sent with decides whether it is a create or an update: the suite creates these.
  [`${ETSI}csourceRegistrations/context-source-registration-invalid-structure.jsonld`]: {
    reason: 'sent to create a registration (033_10_01), not to update one',
    settings: { payloadKinds: { '**/context-source-registration-invalid-structure.jsonld': 'registration' } },
  },
  [`${ETSI}csourceSubscriptions/subscription-without-notification.jsonld`]: {
    reason: 'sent to create a subscription (038_08_01)',
    settings: { payloadKinds: { '**/subscription-without-notification.jsonld': 'subscription' } },
  },
};

// Stellio's fixtures do not follow the extension convention at all (its tests set the media type in code),
// so the two media type rules are off for the whole folder.
const STELLIO_RULES = { 'ngsi-ld/context-missing': 'off', 'ngsi-ld/context-in-json': 'off' };

/**
 * Negative files of etsi-expected.md whose reason a file cannot show: an HTTP header, a URL parameter, the
 * state of the broker, or the endpoint the body is posted to. They are still run through the engine.
 */
const NOT_VISIBLE_HERE = new Set([
  `${ETSI}entities/fragmentEntities/empty-fragment.json`, // an error only where one attribute is targeted (URL)
  `${ETSI}entities/fragmentEntities/vehicle-speed-equal-datasetid-different-type-fragment.jsonld`, // changes a stored kind (broker state)
  `${ETSI}entities/vehicle-isParked-attribute.json`, // the entity id or attribute name in the URL
  `${ETSI}entities/vehicle-scope-attribute.json`, // replace-attribute on scope (URL)
  `${ETSI}entities/fragmentEntities/vehicle-speed-two-datasetid-01-fragment.json`, // the entity id in the URL
  `${ETSI}subscriptions/subscription-empty.jsonld`, // {}: nothing says it is meant as a subscription (the endpoint does)
  `${ETSI}jsonldContext/@context-incorrect.json`, // a bare term map, wrong only as a body of POST /jsonldContexts
  // "q": "invalidQuery" is a valid q (an existence test, NGSI-Q-002); the suite expects a 400, perhaps because a
  // subscription to registrations does not take q. We follow the grammar.
  `${ETSI}csourceSubscriptions/subscription-invalid-query.jsonld`,
]);

const files = walk(CORPUS).map((f) => relative(CORPUS, f).split('\\').join('/'));

// The suite's contexts live on forge.etsi.org; the copies in the corpus stand in for them (mim.contexts.map).
const SUITE_CONTEXTS = {
  'https://forge.etsi.org/rep/cim/ngsi-ld-test-suite/-/raw/develop/resources/jsonld-contexts/ngsi-ld-test-suite-compound.jsonld': pathToFileURL(
    join(CORPUS, 'etsi-ngsi-ld-test-suite/resources/jsonld-contexts/ngsi-ld-test-suite-compound.jsonld'),
  ).toString(),
  'https://forge.etsi.org/rep/cim/ngsi-ld-test-suite/-/raw/develop/resources/jsonld-contexts/ngsi-ld-test-suite.jsonld': pathToFileURL(
    join(CORPUS, 'etsi-ngsi-ld-test-suite/resources/jsonld-contexts/ngsi-ld-test-suite.jsonld'),
  ).toString(),
};
const catalog = catalogFor({ config: { mappings: SUITE_CONTEXTS } });

/** Checks a corpus file as the CLI does (syntax errors in every file), with the suite's contexts at hand. */
async function checkFile(file: string, settings: FileSettings = {}) {
  const text = readFileSync(join(CORPUS, file), 'utf8');
  return checkWithModels(pathToFileURL(join(CORPUS, file)).toString(), text, { settings: { ...settings }, syntaxErrors: 'always' }, catalog);
}

interface FileSettings {
  rules?: Record<string, string>;
  payloadKinds?: Record<string, string>;
}

function settingsFor(file: string): FileSettings {
  if (OUTSIDE_THE_FILE[file]) return OUTSIDE_THE_FILE[file].settings;
  if (file.startsWith(STELLIO)) return { rules: STELLIO_RULES };
  return {};
}

describe('NGSI-LD corpus (ETSI test suite, fork additions, Stellio fixtures)', () => {
  it('holds the files this test expects', () => {
    assert.ok(files.length > 800, `${files.length} files`);
    for (const file of [...Object.keys(NEGATIVE), ...Object.keys(OUTSIDE_THE_FILE)]) assert.ok(files.includes(file), `${file} is in the corpus`);
  });

  it('runs every file, responses included, without an exception', async () => {
    for (const file of files) {
      const result = await checkFile(file);
      assert.ok(Array.isArray(result.problems), file);
    }
  });

  it('finds the error a broker answers with in every negative payload, at its line', async () => {
    for (const [file, expected] of Object.entries(NEGATIVE)) {
      const errors = (await checkFile(file, settingsFor(file))).problems.filter((p) => p.severity === 'error');
      assert.deepEqual(
        errors.map((p) => [p.code, p.range.start.line + 1]),
        expected,
        file,
      );
    }
  });

  it('raises no error on any other request payload', async () => {
    const unexpected: string[] = [];
    let checked = 0;
    for (const file of files) {
      if (file.includes('/expectations/') || NEGATIVE[file] || NOT_VISIBLE_HERE.has(file)) continue;
      checked++;
      for (const p of (await checkFile(file, settingsFor(file))).problems) {
        if (p.severity === 'error') unexpected.push(`${file}:${p.range.start.line + 1} ${p.code} ${p.message}`);
      }
    }
    assert.deepEqual(unexpected, []);
    assert.ok(checked > 400, `${checked} request payloads checked`);
  });

  it('recognises the payload kinds beyond entities and does not check them as entities', () => {
    // Broken and empty files are left out: they are nothing yet.
    const kinds = (prefix: string) =>
      new Set(
        files
          .filter((f) => f.startsWith(prefix) && !/invalid-json|-empty/.test(f))
          .map((f) => check(pathToFileURL(join(CORPUS, f)).toString(), readFileSync(join(CORPUS, f), 'utf8')).detection.kind),
      );
    assert.deepEqual([...kinds(`${ETSI}subscriptions/subscription-`)], ['subscription']);
    assert.deepEqual([...kinds(`${ETSI}csourceRegistrations/context-source-registration`)], ['registration']);
    assert.deepEqual([...kinds(`${ETSI}temporalEntities/20`)], ['temporal']);
    // The corpus holds no notification payload (notifications/ has notification parameters only).
    assert.equal(check('n.json', '{"id": "urn:ngsi-ld:Notification:1", "type": "Notification", "subscriptionId": "urn:ngsi-ld:Subscription:1", "notifiedAt": "2024-01-01T00:00:00Z", "data": []}').detection.kind, 'notification');
  });
});
