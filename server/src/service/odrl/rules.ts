import { defineRules } from '../rule-definition';

const CONTEXT = '"@context": "http://www.w3.org/ns/odrl.jsonld"';
const UID = '"uid": "https://city.example/policy/parking-data"';
const TARGET = '"target": "https://city.example/data/parking"';

/** A W3C-style policy (plain terms under the ODRL context) with these members after @context. */
const policy = (members: string) => `{${CONTEXT}, ${members}}`;

/** A policy as FIWARE's ODRL-PAP writes them: odrl: terms, an asset collection refined by NGSI-LD entity type. */
const papPolicy = (rightOperand: string) =>
  '{"@context": {"odrl": "http://www.w3.org/ns/odrl/2/", "ngsi-ld": "https://uri.etsi.org/ngsi-ld/"}, ' +
  '"@id": "https://city.example/policy/parking-read", "@type": "odrl:Policy", "odrl:permission": {' +
  '"odrl:assigner": {"@id": "https://city.example/"}, ' +
  '"odrl:target": {"@type": "odrl:AssetCollection", "odrl:source": "urn:asset", "odrl:refinement": [' +
  `{"@type": "odrl:Constraint", "odrl:leftOperand": "ngsi-ld:entityType", "odrl:operator": {"@id": "odrl:eq"}, "odrl:rightOperand": ${rightOperand}}]}, ` +
  '"odrl:assignee": {"@id": "vc:any"}, "odrl:action": {"@id": "odrl:read"}}}';

const ODRL = 'W3C ODRL Information Model 2.2';

/** The MIM requirements the ODRL rules serve (MIM3 has not been redrafted in the newer format). */
const CONTRACTS = { '2022': ['2022 MIM3'], 'new-format': ['MIM3 (not redrafted)'] } as const;
const CONTRACTS_AND_PERSONAL_DATA = { '2022': ['2022 MIM3', '2022 MIM4'], 'new-format': ['MIM3 (not redrafted)', 'Personal data'] } as const;
const ACCESS_BY_TYPE = { '2022': ['2022 MIM3', '2022 MIM2 Shared models'], 'new-format': ['MIM3 (not redrafted)', 'Accessing C4'] } as const;
const VOCAB = 'W3C ODRL Vocabulary & Expression 2.2';

/** ODRL policies in JSON-LD (MIM3 contracts; MIM4 where they guard personal data). */
export const odrlRules = defineRules({
  'odrl/uid': {
    mim: 'MIM3',
    requirements: CONTRACTS,
    severity: 'warning',
    title: 'A policy has a uid, and it is an IRI',
    docs:
      'A policy is identified by one IRI (`uid`, which the ODRL context maps to `@id`): agreements, inheritance ' +
      '(`inheritFrom`) and policy decision points refer to it, and consent records point at it where personal data is ' +
      'concerned (MIM4). A bare UUID is a relative IRI that resolves differently wherever the policy is read; the fix ' +
      'writes it `urn:uuid:...`. `id` is not defined by the ODRL context; the fix renames it to `uid`. Some policy ' +
      'administration points (FIWARE\'s ODRL-PAP) assign an id on upload, hence a warning.',
    source: `${ODRL}, Policy class (uid); MIM3 Contracts`,
    valid: { file: 'policy.jsonld', text: policy(`"@type": "Set", ${UID}, "permission": [{${TARGET}, "action": "read"}]`) },
    invalid: { file: 'policy.jsonld', text: policy(`"@type": "Set", "uid": ⟦"8dc8b181-9724-4924-8aac-7e76adfb207f"⟧, "permission": [{${TARGET}, "action": "read"}]`) },
    fix: 'Write the UUID as urn:uuid:…',
  },
  'odrl/no-rules': {
    mim: 'MIM3',
    requirements: CONTRACTS,
    severity: 'error',
    title: 'A policy has at least one permission, prohibition or obligation',
    docs: 'A policy without rules grants and requires nothing. A misspelt rule member (`permissions`) is the usual cause: the JSON-LD processor drops it, and `odrl/unknown-term` names it.',
    source: `${ODRL}, Policy class`,
    valid: { file: 'policy.jsonld', text: policy(`"@type": "Set", ${UID}, "permission": [{${TARGET}, "action": "read"}]`) },
    invalid: { file: 'policy.jsonld', text: '⟦' + policy(`"@type": "Set", ${UID}`) + '⟧' },
  },
  'odrl/rule-action': {
    mim: 'MIM3',
    requirements: CONTRACTS,
    severity: 'error',
    title: 'Every rule has an action',
    docs:
      'Each permission, prohibition and obligation, and each duty, remedy and consequence inside them, names what may, ' +
      'must not, or must be done. A permission or prohibition may take the action of the policy (a compact policy ' +
      'names it once at the top); duties never do.',
    source: `${ODRL}, Action, Permission, Prohibition and Duty classes`,
    valid: { file: 'policy.jsonld', text: policy(`"@type": "Set", ${UID}, "permission": [{${TARGET}, "action": "read"}]`) },
    invalid: { file: 'policy.jsonld', text: policy(`"@type": "Set", ${UID}, "permission": [⟦{${TARGET}}⟧]`) },
  },
  'odrl/action': {
    mim: 'MIM3',
    requirements: CONTRACTS_AND_PERSONAL_DATA,
    severity: 'warning',
    title: 'Actions are ODRL 2.2 actions',
    docs:
      'An action written as a bare term, as `odrl:...` or as an ODRL IRI must be one of the actions of the ODRL 2.2 ' +
      'vocabulary (`use`, `transfer`, `read`, `modify`, `distribute`, `anonymize`, `obtainConsent`...); the message ' +
      'names the one most likely meant. Deprecated actions (`copy`, `write`, `pay`...) are reported as information ' +
      'with their replacement. Actions of profiles carry their own prefix (`dome-op:read`, `tmf:create`) and are not ' +
      'checked. Where a policy guards personal data (MIM4), `anonymize` and `obtainConsent` are the ODRL actions meant for it.',
    source: `${VOCAB}, actions for rules and deprecated terms`,
    valid: { file: 'policy.jsonld', text: policy(`"@type": "Set", ${UID}, "permission": [{${TARGET}, "action": "read"}]`) },
    invalid: { file: 'policy.jsonld', text: policy(`"@type": "Set", ${UID}, "permission": [{${TARGET}, "action": ⟦"raed"⟧}]`) },
    fix: 'Change to the action meant',
  },
  'odrl/operator': {
    mim: 'MIM3',
    requirements: CONTRACTS,
    severity: 'error',
    title: 'Constraint operators are ODRL operators',
    docs:
      'ODRL compares with `eq`, `neq`, `gt`, `gteq`, `lt`, `lteq`, `isA`, `hasPart`, `isPartOf`, `isAllOf`, `isAnyOf` ' +
      'and `isNoneOf`, written bare, as `odrl:eq` or as `{"@id": "odrl:eq"}`. Symbols (`==`, `<=`) and words ' +
      '(`equals`) get the operator meant as the fix. Operators of profiles (`http:isInPath`) are not checked. A policy ' +
      'engine that meets an unknown operator refuses the policy or never matches it.',
    source: `${VOCAB}, constraint operators; FIWARE ODRL-PAP mapping`,
    valid: {
      file: 'policy.jsonld',
      text: policy(`"@type": "Set", ${UID}, "permission": [{${TARGET}, "action": "read", "constraint": [{"leftOperand": "dateTime", "operator": "lt", "rightOperand": {"@value": "2026-01-01", "@type": "xsd:date"}}]}]`),
    },
    invalid: {
      file: 'policy.jsonld',
      text: policy(`"@type": "Set", ${UID}, "permission": [{${TARGET}, "action": "read", "constraint": [{"leftOperand": "dateTime", "operator": ⟦"<"⟧, "rightOperand": {"@value": "2026-01-01", "@type": "xsd:date"}}]}]`),
    },
    fix: 'Change to the operator meant',
  },
  'odrl/left-operand': {
    mim: 'MIM3',
    requirements: CONTRACTS_AND_PERSONAL_DATA,
    severity: 'warning',
    title: 'A left operand close to an ODRL one is spelt as ODRL spells it',
    docs:
      'Profiles add left operands of their own (FIWARE\'s `ngsi-ld:entityType`, `odrl:dayOfWeek`), so an unknown one ' +
      'is not an error; but one a letter or a case away from an ODRL 2.2 left operand (`datetime` for `dateTime`, ' +
      '`purpsoe` for `purpose`) is a typo the policy engine cannot evaluate. For personal data (MIM4) the `purpose` ' +
      'operand carries the purpose of use.',
    source: `${VOCAB}, constraint left operands`,
    valid: {
      file: 'policy.jsonld',
      text: policy(`"@type": "Set", ${UID}, "permission": [{${TARGET}, "action": "read", "constraint": [{"leftOperand": "purpose", "operator": "eq", "rightOperand": "https://w3id.org/dpv#ServiceProvision"}]}]`),
    },
    invalid: {
      file: 'policy.jsonld',
      text: policy(`"@type": "Set", ${UID}, "permission": [{${TARGET}, "action": "read", "constraint": [{"leftOperand": ⟦"purpsoe"⟧, "operator": "eq", "rightOperand": "https://w3id.org/dpv#ServiceProvision"}]}]`),
    },
    fix: 'Change to the left operand meant',
  },
  'odrl/constraint': {
    mim: 'MIM3',
    requirements: CONTRACTS,
    severity: 'error',
    title: 'A constraint has leftOperand, operator and rightOperand, or is a logical constraint',
    docs:
      'A constraint (in `constraint`, or in the `refinement` of an action, an asset collection or a party collection) ' +
      'compares a `leftOperand` with a `rightOperand` (or a `rightOperandReference`) through an `operator`. A logical ' +
      'constraint instead has exactly one of `and`, `or`, `xone`, `andSequence`, holding a list of constraints ' +
      '(`{"@list": [...]}` or an array), and nothing else.',
    source: `${ODRL}, Constraint and Logical Constraint classes`,
    valid: {
      file: 'policy.jsonld',
      text: policy(`"@type": "Set", ${UID}, "permission": [{${TARGET}, "action": "read", "constraint": [{"leftOperand": "dateTime", "operator": "lt", "rightOperand": {"@value": "2026-01-01", "@type": "xsd:date"}}]}]`),
    },
    invalid: {
      file: 'policy.jsonld',
      text: policy(`"@type": "Set", ${UID}, "permission": [{${TARGET}, "action": "read", "constraint": [⟦{"leftOperand": "dateTime", "rightOperand": {"@value": "2026-01-01", "@type": "xsd:date"}}⟧]}]`),
    },
  },
  'odrl/target': {
    mim: 'MIM3',
    requirements: CONTRACTS,
    severity: 'warning',
    title: 'Permissions and prohibitions name their target',
    docs: 'A permission or prohibition is about one asset (or asset collection): its own `target`, or the `target` the policy names for all its rules.',
    source: `${ODRL}, Permission and Prohibition classes (target)`,
    valid: { file: 'policy.jsonld', text: policy(`"@type": "Set", ${UID}, "permission": [{${TARGET}, "action": "read"}]`) },
    invalid: { file: 'policy.jsonld', text: policy(`"@type": "Set", ${UID}, "permission": [⟦{"action": "read"}⟧]`) },
  },
  'odrl/party': {
    mim: 'MIM3',
    requirements: CONTRACTS_AND_PERSONAL_DATA,
    severity: 'warning',
    title: 'An Offer names its assigner; an Agreement its assigner and assignee',
    docs: 'The parties are named for the whole policy or in every rule. An agreement that does not say who granted and who was granted cannot be enforced; for personal data (MIM4) the assignee is who may process it.',
    source: `${ODRL}, Offer and Agreement classes`,
    valid: {
      file: 'policy.jsonld',
      text: policy(`"@type": "Agreement", ${UID}, "assigner": "https://city.example/", "assignee": "https://operator.example/", "permission": [{${TARGET}, "action": "read"}]`),
    },
    invalid: { file: 'policy.jsonld', text: '⟦' + policy(`"@type": "Agreement", ${UID}, "assigner": "https://city.example/", "permission": [{${TARGET}, "action": "read"}]`) + '⟧' },
  },
  'odrl/unknown-term': {
    mim: 'MIM3',
    requirements: CONTRACTS,
    severity: 'warning',
    title: 'ODRL member names are spelt as the vocabulary spells them',
    docs:
      'A member name a letter or a case away from an ODRL term (`permissions`, `constraints`, `leftoperand`, ' +
      '`assignor`) is not defined by the ODRL context, so JSON-LD processing drops it and the policy silently loses a ' +
      'rule or a condition. Names of other vocabularies (with a prefix) and names far from any ODRL term are left alone.',
    source: `${VOCAB}; JSON-LD 1.1 expansion (terms the context does not define are dropped)`,
    valid: { file: 'policy.jsonld', text: policy(`"@type": "Set", ${UID}, "permission": [{${TARGET}, "action": "read"}]`) },
    invalid: { file: 'policy.jsonld', text: policy(`"@type": "Set", ${UID}, ⟦"permissions"⟧: [{${TARGET}, "action": "read"}]`) },
    fix: 'Rename to the term meant',
  },
  'odrl/entity-type': {
    mim: 'MIM3',
    requirements: ACCESS_BY_TYPE,
    severity: 'warning',
    title: 'NGSI-LD entity types in constraints are known types',
    docs:
      'FIWARE\'s ODRL-PAP restricts access by NGSI-LD entity type with a constraint whose `leftOperand` is ' +
      '`ngsi-ld:entityType` and whose `rightOperand` is the type. The policy decision point compares the type literally, ' +
      'so a misspelt type silently never matches. The type is looked up like an entity\'s data model: the workspace\'s ' +
      'models, `mim.dataModels`, the Smart Data Models checkout and, where downloads are allowed, the published models. ' +
      'Nothing is reported while the lookup runs; a type no source knows gets the nearest known type. Where the ' +
      'entities hold personal data (MIM4), such a policy is what keeps them from the wrong parties.',
    source: 'FIWARE ODRL-PAP (leftOperand ngsi-ld:entityType); MIM3 Contracts; MIM2 Representing data',
    needsSmartDataModels: true,
    valid: { file: 'policy.json', text: papPolicy('"OffStreetParking"') },
    invalid: { file: 'policy.json', text: papPolicy('⟦"OffstreetParking"⟧') },
    fix: 'Change to the known type',
  },
});
