/**
 * ODRL policies (MIM3, MIM4 where personal data is concerned): detection in the styles in use, every check
 * with its range and fix, the NGSI-LD entity type check against the data models, completion and hover.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, applyEdits, checkDocument, complete, editsForFix, hover, parseDocument, type Problem } from '../../server/src/service/index';
import { WORKSPACE_URI, catalogFor, check, checkWithModels, covered, only } from '../helpers/engine';

const CONTEXT = 'http://www.w3.org/ns/odrl.jsonld';

/** A W3C-style policy with one permission; `permission` and `extra` replace or add members. */
function w3c(permission: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@context': CONTEXT,
    '@type': 'Set',
    uid: 'https://city.example/policy/1',
    permission: [{ target: 'https://city.example/data/parking', action: 'read', ...permission }],
    ...extra,
  };
}

/** A policy as FIWARE's ODRL-PAP writes them. */
function pap(rightOperand: unknown, operator: unknown = { '@id': 'odrl:eq' }, action: unknown = { '@id': 'odrl:read' }): Record<string, unknown> {
  return {
    '@context': { odrl: 'http://www.w3.org/ns/odrl/2/', 'ngsi-ld': 'https://uri.etsi.org/ngsi-ld/' },
    '@id': 'https://city.example/policy/pap',
    '@type': 'odrl:Policy',
    'odrl:permission': {
      'odrl:assigner': { '@id': 'https://city.example/' },
      'odrl:target': {
        '@type': 'odrl:AssetCollection',
        'odrl:source': 'urn:asset',
        'odrl:refinement': [{ '@type': 'odrl:Constraint', 'odrl:leftOperand': 'ngsi-ld:entityType', 'odrl:operator': operator, 'odrl:rightOperand': rightOperand }],
      },
      'odrl:assignee': { '@id': 'vc:any' },
      'odrl:action': action,
    },
  };
}

const text = (value: unknown) => JSON.stringify(value, null, 2);

function problemsOf(value: unknown, file = 'policy.jsonld') {
  const t = text(value);
  const result = check(file, t);
  return { text: t, problems: result.problems, detection: result.detection };
}

function fixValue(p: Problem): unknown {
  const fix = p.fixes?.[0];
  return fix?.kind === 'set-value' ? fix.value : fix?.kind === 'rename-key' ? fix.to : undefined;
}

describe('detection of ODRL policies', () => {
  it('reads a policy under the ODRL context, FIWARE\'s odrl: style, and a typed policy without a context', () => {
    assert.equal(problemsOf(w3c()).detection.kind, 'odrl-policy');
    assert.equal(problemsOf(pap('OffStreetParking'), 'policy.json').detection.kind, 'odrl-policy');
    const edc = { '@context': { odrl: { '@id': 'http://www.w3.org/ns/odrl/2/', '@prefix': true } }, '@type': 'Agreement', '@id': 'urn:uuid:8dc8b181-9724-4924-8aac-7e76adfb207f', 'odrl:permission': { 'odrl:action': { '@id': 'odrl:use' } } };
    assert.equal(problemsOf(edc).detection.kind, 'odrl-policy');
    const typed = problemsOf({ type: 'Offer', uid: 'urn:x:1', permission: [{ action: 'use', target: 'urn:x:a' }], assigner: 'urn:x:p' }, 'offer.json');
    assert.equal(typed.detection.kind, 'odrl-policy');
    assert.match(typed.detection.reason, /policy class Offer/);
  });

  it('reads a policy being started (the ODRL context and nothing but ODRL terms)', () => {
    assert.equal(problemsOf({ '@context': CONTEXT, '@type': 'Agreement' }).detection.kind, 'odrl-policy');
    assert.equal(problemsOf({ '@context': CONTEXT, uid: 'urn:x:1' }).detection.kind, 'odrl-policy');
    assert.equal(problemsOf({ '@context': [CONTEXT, 'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld'], id: 'urn:ngsi-ld:X:1', type: 'X' }).detection.kind, 'entity');
  });

  it('leaves NGSI-LD entities alone, even with a type named like a policy class', () => {
    const entity = { '@context': 'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld', id: 'urn:ngsi-ld:Offer:1', type: 'Offer', price: { type: 'Property', value: 3 } };
    assert.equal(problemsOf(entity).detection.kind, 'entity');
  });

  it('reports nothing on valid policies in both styles', () => {
    assert.deepEqual(problemsOf(w3c()).problems, []);
    assert.deepEqual(problemsOf(pap('OffStreetParking'), 'policy.json').problems, []);
  });
});

describe('ODRL policy checks', () => {
  it('wants a uid that is an IRI, writing a bare UUID as urn:uuid:', () => {
    const { text: t, problems } = problemsOf(w3c({}, { uid: '8dc8b181-9724-4924-8aac-7e76adfb207f' }));
    const p = only(problems, 'odrl/uid');
    assert.equal(p.severity, 'warning');
    assert.equal(covered(t, p), '"8dc8b181-9724-4924-8aac-7e76adfb207f"');
    assert.equal(fixValue(p), 'urn:uuid:8dc8b181-9724-4924-8aac-7e76adfb207f');
    const missing = w3c();
    delete missing.uid;
    const none = problemsOf(missing);
    assert.equal(covered(none.text, only(none.problems, 'odrl/uid')), none.text);
    const withId = problemsOf({ ...missing, id: 'https://city.example/policy/1' });
    const id = only(withId.problems, 'odrl/uid');
    assert.equal(covered(withId.text, id), '"id"');
    assert.equal(fixValue(id), 'uid');
  });

  it('wants at least one rule', () => {
    const { text: t, problems } = problemsOf({ '@context': CONTEXT, '@type': 'Set', uid: 'urn:x:1' });
    assert.equal(covered(t, only(problems, 'odrl/no-rules')), t);
  });

  it('wants an action in every rule, taking a compact policy\'s own action for its permissions but not for duties', () => {
    const { text: t, problems } = problemsOf(w3c({ action: undefined, duty: [{ target: 'urn:x:fee' }] }));
    const found = problems.filter((p) => p.code === 'odrl/rule-action');
    assert.deepEqual(found.map((p) => p.path), [['permission', 0], ['permission', 0, 'duty', 0]]);
    assert.match(covered(t, found[1]!), /^\{\s+"target": "urn:x:fee"\s+\}$/);
    const compact = problemsOf({ ...w3c({ action: undefined }), action: 'use' });
    assert.deepEqual(compact.problems.map((p) => p.code), []);
  });

  it('knows the ODRL 2.2 actions in every style, names the one meant and leaves profile actions alone', () => {
    const plain = problemsOf(w3c({ action: 'raed' }));
    const p = only(plain.problems, 'odrl/action');
    assert.equal(covered(plain.text, p), '"raed"');
    assert.equal(fixValue(p), 'read');
    const prefixed = problemsOf(pap('OffStreetParking', undefined, { '@id': 'odrl:raed' }), 'policy.json');
    const q = only(prefixed.problems, 'odrl/action');
    assert.equal(covered(prefixed.text, q), '"odrl:raed"');
    assert.equal(fixValue(q), 'odrl:read');
    const iri = only(problemsOf(w3c({ action: 'http://www.w3.org/ns/odrl/2/distrbute' })).problems, 'odrl/action');
    assert.equal(fixValue(iri), 'http://www.w3.org/ns/odrl/2/distribute');
    assert.deepEqual(problemsOf(pap('OffStreetParking', undefined, { '@id': 'dome-op:read' }), 'policy.json').problems, []);
    // An action with refinements, and a list of actions.
    const refined = problemsOf(w3c({ action: [{ 'rdf:value': { '@id': 'odrl:prnt' }, refinement: [{ leftOperand: 'resolution', operator: 'lteq', rightOperand: 1200 }] }] }));
    assert.deepEqual(only(refined.problems, 'odrl/action').path, ['permission', 0, 'action', 0, 'rdf:value', '@id']);
  });

  it('reports deprecated actions as information, with the replacement', () => {
    const p = only(problemsOf(w3c({ action: 'copy' })).problems, 'odrl/action');
    assert.equal(p.severity, 'information');
    assert.equal(fixValue(p), 'reproduce');
    const cc = only(problemsOf(w3c({ action: 'share' })).problems, 'odrl/action');
    assert.match(cc.message, /cc:Sharing/);
    assert.equal(cc.fixes, undefined);
  });

  it('knows the operators, and reads symbols and words as the operator meant', () => {
    const cases: [unknown, string | undefined][] = [['==', 'eq'], ['<=', 'lteq'], ['equals', 'eq'], ['isAnyof', 'isAnyOf'], ['between', undefined]];
    for (const [operator, meant] of cases) {
      const { text: t, problems } = problemsOf(w3c({ constraint: [{ leftOperand: 'dateTime', operator, rightOperand: '2026-01-01' }] }));
      const p = only(problems, 'odrl/operator');
      assert.equal(p.severity, 'error');
      assert.equal(covered(t, p), JSON.stringify(operator));
      assert.equal(fixValue(p), meant);
    }
    const pap1 = problemsOf(pap('OffStreetParking', { '@id': 'odrl:equals' }), 'policy.json');
    assert.equal(fixValue(only(pap1.problems, 'odrl/operator')), 'odrl:eq');
    const unknown = only(problemsOf(w3c({ constraint: [{ leftOperand: 'dateTime', operator: 'approximately', rightOperand: '2026-01-01' }] })).problems, 'odrl/operator');
    assert.match(unknown.message, /^"approximately" is not an ODRL operator\. The operators are eq, neq, /);
    assert.equal(unknown.fixes, undefined);
    assert.deepEqual(problemsOf(pap('OffStreetParking', { '@id': 'http:isInPath' }), 'policy.json').problems, []);
  });

  it('names the left operand meant for a near miss, and leaves profile operands alone', () => {
    const p = only(problemsOf(w3c({ constraint: [{ leftOperand: 'datetime', operator: 'lt', rightOperand: '2026-01-01' }] })).problems, 'odrl/left-operand');
    assert.equal(fixValue(p), 'dateTime');
    const fiware = w3c({ constraint: [{ leftOperand: 'odrl:dayOfWeek', operator: 'lteq', rightOperand: { '@value': 4, '@type': 'xsd:integer' } }] });
    assert.deepEqual(problemsOf(fiware).problems, []);
  });

  it('wants leftOperand, operator and rightOperand in a constraint, or one logical operand over a list', () => {
    const { text: t, problems } = problemsOf(w3c({ constraint: [{ leftOperand: 'dateTime', rightOperand: '2026-01-01' }] }));
    const p = only(problems, 'odrl/constraint');
    assert.deepEqual(p.path, ['permission', 0, 'constraint', 0]);
    assert.match(p.message, /lacks "operator"/);
    assert.match(covered(t, p), /^\{[^{}]*\}$/);
    const c = (operator?: string) => ({ leftOperand: 'dateTime', operator, rightOperand: '2026-01-01' });
    assert.deepEqual(problemsOf(w3c({ constraint: [{ and: { '@list': [c('gt'), c('lt')] } }] })).problems, []);
    assert.deepEqual(problemsOf(w3c({ constraint: [{ xone: [c('gt'), { '@id': 'urn:x:c2' }] }] })).problems, []);
    const inner = only(problemsOf(w3c({ constraint: [{ or: { '@list': [c('gt'), c()] } }] })).problems, 'odrl/constraint');
    assert.deepEqual(inner.path, ['permission', 0, 'constraint', 0, 'or', '@list', 1]);
    const both = problemsOf(w3c({ constraint: [{ and: [c('gt')], or: [c('lt')] }] }));
    assert.equal(covered(both.text, only(both.problems, 'odrl/constraint')), '"or"');
    const notList = only(problemsOf(w3c({ constraint: [{ and: c('gt') }] })).problems, 'odrl/constraint');
    assert.match(notList.message, /list of constraints/);
  });

  it('wants a target for permissions and prohibitions, their own or the policy\'s', () => {
    const { problems } = problemsOf(w3c({ target: undefined }));
    assert.deepEqual(only(problems, 'odrl/target').path, ['permission', 0]);
    assert.deepEqual(problemsOf({ ...w3c({ target: undefined }), target: 'urn:x:all' }).problems, []);
  });

  it('wants the parties of an Offer and an Agreement', () => {
    const agreement = problemsOf(w3c({}, { '@type': 'Agreement', assigner: 'https://city.example/' }));
    const p = only(agreement.problems, 'odrl/party');
    assert.match(p.message, /assignee/);
    assert.equal(covered(agreement.text, p), agreement.text);
    assert.deepEqual(problemsOf(w3c({ assigner: 'urn:x:city', assignee: 'urn:x:operator' }, { '@type': 'Agreement' })).problems, []);
    only(problemsOf(w3c({}, { '@type': 'Offer' })).problems, 'odrl/party');
  });

  it('names the ODRL term meant for a misspelt member, anywhere in the policy', () => {
    const policy = w3c({ constraints: [{ leftoperand: 'dateTime', operator: 'lt', rightOperand: { value: '2026' } }] });
    const { text: t, problems } = problemsOf({ ...policy, permissions: policy.permission, permission: undefined });
    const found = problems.filter((p) => p.code === 'odrl/unknown-term');
    assert.deepEqual(found.map((p) => [covered(t, p), fixValue(p)]), [
      ['"permissions"', 'permission'],
      ['"constraints"', 'constraint'],
      ['"leftoperand"', 'leftOperand'],
    ]);
    // Other vocabularies and words far from any ODRL term are left alone.
    assert.deepEqual(problemsOf(w3c({}, { 'dct:title': 'Parking data', title: 'Parking data', description: 'x' })).problems, []);
    const pap2 = problemsOf(JSON.parse(text(pap('OffStreetParking')).replace('"odrl:permission"', '"odrl:permisson"')), 'policy.json');
    assert.equal(fixValue(only(pap2.problems, 'odrl/unknown-term')), 'odrl:permission');
    // No rename onto a member that is already there.
    const both = problemsOf({ ...pap('OffStreetParking'), 'odrl:permisson': {} }, 'policy.json');
    assert.equal(only(both.problems, 'odrl/unknown-term').fixes, undefined);
  });

  it('applies its fixes', () => {
    const { text: t, problems } = problemsOf(w3c({ action: 'raed' }));
    const p = only(problems, 'odrl/action');
    const doc = parseDocument(`${WORKSPACE_URI}/policy.jsonld`, 1, t);
    const after = applyEdits(t, editsForFix(doc, p.fixes![0]!)!);
    assert.deepEqual(problemsOf(JSON.parse(after)).problems, []);
  });
});

describe('NGSI-LD entity types in ODRL constraints', () => {
  it('says nothing while the models load, then names the known type meant', async () => {
    const catalog = catalogFor({ sdm: true });
    const t = text(pap('OffstreetParking'));
    const doc = parseDocument(`${WORKSPACE_URI}/policy.json`, 1, t);
    const options = { models: catalog, contexts: catalog.contexts, files: catalog.files };
    const first = checkDocument(doc, DEFAULT_SETTINGS, options);
    assert.deepEqual(first.problems, [], 'nothing while the lookup runs');
    await catalog.settle();
    const second = checkDocument(doc, DEFAULT_SETTINGS, options);
    const p = only(second.problems, 'odrl/entity-type');
    assert.equal(p.severity, 'warning');
    assert.equal(covered(t, p), '"OffstreetParking"');
    assert.equal(fixValue(p), 'OffStreetParking');
    assert.match(p.message, /did you mean "OffStreetParking"/);
  });

  it('accepts the types the models define, in a list and as IRIs, and checks each of a list', async () => {
    const ok = await checkWithModels('policy.json', text(pap(['OffStreetParking', 'https://smartdatamodels.org/dataModel.Parking/ParkingSpot'], { '@id': 'odrl:isAnyOf' })), { sdm: true });
    assert.deepEqual(ok.problems, []);
    const t = text(pap(['OffStreetParking', 'WeatherObservd'], { '@id': 'odrl:isAnyOf' }));
    const bad = await checkWithModels('policy.json', t, { sdm: true });
    const p = only(bad.problems, 'odrl/entity-type');
    assert.deepEqual(p.path, ['odrl:permission', 'odrl:target', 'odrl:refinement', 0, 'odrl:rightOperand', 1]);
    assert.equal(fixValue(p), 'WeatherObserved');
  });

  it('knows the types of the workspace\'s own models', async () => {
    const schema = JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', properties: { type: { enum: ['BikeCounter'] } } });
    const files = { 'models/BikeCounter/schema.json': schema };
    assert.deepEqual((await checkWithModels('policy.json', text(pap('BikeCounter')), { files })).problems, []);
    const typo = await checkWithModels('policy.json', text(pap('BikeCountr')), { files });
    assert.equal(fixValue(only(typo.problems, 'odrl/entity-type')), 'BikeCounter');
  });

  it('is not checked without data models', () => {
    assert.deepEqual(problemsOf(pap('NoSuchType'), 'policy.json').problems, []);
  });

  it('lists the known types without waiting once the sources are walked', async () => {
    const catalog = catalogFor({ sdm: true });
    assert.equal(catalog.knownTypesNow(), undefined);
    await catalog.settle();
    await catalog.knownTypes();
    assert.ok(catalog.knownTypesNow()!.includes('OffStreetParking'));
  });
});

describe('completion and hover in ODRL policies', () => {
  const catalog = catalogFor({ sdm: true });

  async function at(marked: string, file = 'policy.json') {
    const offset = marked.indexOf('‸');
    const t = marked.replace('‸', '');
    const doc = parseDocument(`${WORKSPACE_URI}/${file}`, 1, t);
    const detection = check(file, t).detection;
    assert.equal(detection.kind, 'odrl-policy');
    return { t, doc, offset, detection };
  }

  async function completeAt(marked: string, file?: string) {
    const { doc, offset, detection } = await at(marked, file);
    return complete(doc, offset, { detection, models: catalog, knownTypes: () => catalog.knownTypes() });
  }

  const labels = (entries: { label: string }[]) => entries.map((e) => e.label);

  it('offers the members of each part of a policy, in the policy\'s style', async () => {
    const rule = await completeAt(`{"@context": "${CONTEXT}", "@type": "Set", "uid": "urn:x:1", "permission": [{"action": "read", "‸"}]}`);
    assert.deepEqual(labels(rule).slice(0, 4), ['target', 'assigner', 'assignee', 'constraint']);
    assert.ok(!labels(rule).includes('action'), 'a member already written is not offered');
    const constraint = rule.find((e) => e.label === 'constraint')!;
    assert.match(constraint.insertText, /"leftOperand": "\$1", "operator": "\$\{2\|eq,neq,/);
    const top = await completeAt(`{"@context": "${CONTEXT}", "‸"}`);
    assert.ok(labels(top).includes('@type') && labels(top).includes('permission') && !labels(top).includes('@context'));
    const prefixed = await completeAt(text(pap('OffStreetParking')).replace('"odrl:action"', '"‸": 1, "odrl:action"'));
    assert.ok(labels(prefixed).includes('odrl:constraint'), labels(prefixed).join(', '));
    const inConstraint = await completeAt(`{"@context": "${CONTEXT}", "@type": "Set", "uid": "urn:x:1", "permission": [{"action": "read", "constraint": [{"‸"}]}]}`);
    assert.deepEqual(labels(inConstraint).slice(0, 3), ['leftOperand', 'operator', 'rightOperand']);
  });

  it('offers actions, operators, left operands and policy classes', async () => {
    const actions = await completeAt(`{"@context": "${CONTEXT}", "@type": "Set", "uid": "urn:x:1", "permission": [{"action": "‸"}]}`);
    assert.ok(labels(actions).includes('anonymize') && labels(actions).includes('use'));
    const papActions = await completeAt(text(pap('OffStreetParking', undefined, { '@id': '‸' })));
    assert.ok(labels(papActions).includes('odrl:read'));
    const operators = await completeAt(text(pap('OffStreetParking', { '@id': '‸' })));
    assert.ok(labels(operators).includes('odrl:isAnyOf'));
    const left = await completeAt(`{"@context": "${CONTEXT}", "@type": "Set", "uid": "urn:x:1", "permission": [{"action": "read", "constraint": [{"leftOperand": "‸"}]}]}`);
    assert.equal(labels(left)[0], 'ngsi-ld:entityType');
    assert.ok(labels(left).includes('purpose'));
    const classes = await completeAt(`{"@context": "${CONTEXT}", "@type": "‸", "permission": []}`);
    assert.deepEqual(labels(classes).slice(0, 4), ['Policy', 'Set', 'Offer', 'Agreement']);
  });

  it('offers the known entity types as the right operand of an ngsi-ld:entityType constraint', async () => {
    const types = await completeAt(text(pap('‸')));
    assert.ok(labels(types).includes('OffStreetParking'), labels(types).slice(0, 10).join(', '));
  });

  it('explains terms, actions, operators and entity types on hover', async () => {
    const hoverAt = async (marked: string) => {
      const { doc, offset, detection } = await at(marked);
      await catalog.prepare(['OffStreetParking']);
      return hover(doc, offset, { detection, models: catalog });
    };
    const key = await hoverAt(`{"@context": "${CONTEXT}", "@type": "Set", "uid": "urn:x:1", "prohi‸bition": [{"action": "read"}]}`);
    assert.match(key!.contents, /\*\*prohibition\*\* \(ODRL policy\)/);
    const action = await hoverAt(`{"@context": "${CONTEXT}", "@type": "Set", "uid": "urn:x:1", "permission": [{"action": "anony‸mize"}]}`);
    assert.match(action!.contents, /ODRL action/);
    assert.match(action!.contents, /identifies people/);
    const operator = await hoverAt(text(pap('OffStreetParking', { '@id': 'odrl:is‸AnyOf' })));
    assert.match(operator!.contents, /one of the values on the right/);
    const type = await hoverAt(text(pap('OffStreet‸Parking')));
    assert.match(type!.contents, /\*\*OffStreetParking\*\*/);
    assert.match(type!.contents, /schema\.json/);
  });
});
