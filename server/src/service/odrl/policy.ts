/**
 * The checks of ODRL policies in JSON-LD (MIM3 contracts; MIM4 where they guard personal data), over the
 * styles terms.ts reads (plain terms, `odrl:` terms, full IRIs; values as strings or `{"@id": ...}`).
 *
 * Terms of other vocabularies (a profile's `dome-op:read`, `http:isInPath`...) are not ODRL's to judge and are
 * left alone; only names in the ODRL namespace, or bare names the ODRL context would expand, are checked.
 */
import type { CheckContext } from '../context';
import { describeType, hasOwn, isObject, type JsonObject, type JsonPath } from '../json/values';
import { checkAbsoluteUri, closest } from '../ngsi-ld/syntax';
import type { Fix } from '../problem';
import { shortTypeName, type ModelProvider } from '../sdm/validate';
import { itemsOf, memberOf, odrlTerm, stringAt, typesOf } from './terms';
import {
  ACTIONS,
  DEPRECATED_ACTIONS,
  LEFT_OPERANDS,
  LOGICAL_OPERANDS,
  NGSI_LD_ENTITY_TYPE_OPERANDS,
  ODRL_NAMESPACE,
  OPERATORS,
  OPERATOR_ALIASES,
  PROPERTIES,
  RULE_PROPERTIES,
  type RuleKind,
} from './vocabulary';

export interface PolicyOptions {
  /** The data models the workspace and the catalog know (for entity types named in constraints). */
  models?: ModelProvider;
}

interface Inherited {
  action: boolean;
  target: boolean;
  assigner: boolean;
  assignee: boolean;
}

export function checkOdrlPolicy(ctx: CheckContext, root: unknown, options: PolicyOptions = {}): void {
  if (!isObject(root)) return;
  checkTerms(ctx, root, []);
  checkUid(ctx, root);
  const inherited: Inherited = {
    action: memberOf(root, 'action') !== undefined,
    target: memberOf(root, 'target') !== undefined,
    assigner: memberOf(root, 'assigner') !== undefined,
    assignee: memberOf(root, 'assignee') !== undefined,
  };
  // A compact policy's own action, target and parties hold for every rule.
  const policyAction = memberOf(root, 'action');
  if (policyAction) checkAction(ctx, policyAction.value, [policyAction.key], options);
  for (const member of ['target', 'assigner', 'assignee']) {
    const found = memberOf(root, member);
    if (found) checkRefinements(ctx, found.value, [found.key], options);
  }
  const rules: { rule: JsonObject; kind: RuleKind }[] = [];
  for (const kind of RULE_PROPERTIES) {
    const found = memberOf(root, kind);
    if (!found) continue;
    for (const item of itemsOf(found.value, [found.key])) {
      if (typeof item.value === 'string') continue; // a reference to a rule by its uid
      if (!isObject(item.value)) {
        ctx.report({ code: 'odrl/rule-action', path: item.path, message: `A ${kind} is an object with an action, not ${describeType(item.value)}.` });
        continue;
      }
      rules.push({ rule: item.value, kind });
      checkRule(ctx, item.value, item.path, kind, inherited, options);
    }
  }
  if (!RULE_PROPERTIES.some((kind) => memberOf(root, kind))) {
    ctx.report({
      code: 'odrl/no-rules',
      path: [],
      message: 'The policy has no permission, prohibition or obligation: ODRL requires at least one rule, and a policy without rules allows nothing.',
    });
  }
  checkParties(ctx, root, rules, inherited);
}

/** Member names that are no ODRL terms but common beside them (aliases, metadata): never typos. */
const OTHER_NAMES = new Set(['id', 'type', 'value', 'name', 'title', 'description', 'label', 'comment', 'uri', 'url', 'version', 'created', 'modified', 'issued', 'creator', 'publisher']);

/** Misspelt ODRL member names, anywhere in the policy. */
function checkTerms(ctx: CheckContext, obj: JsonObject, path: JsonPath): void {
  for (const key of Object.keys(obj)) {
    if (key === '@context') continue;
    const at = [...path, key];
    const term = odrlTerm(key);
    if (term !== undefined && !hasOwn(PROPERTIES, term) && !OTHER_NAMES.has(term)) {
      const near = closest(term, Object.keys(PROPERTIES));
      if (near) {
        const to = key.startsWith('odrl:') ? `odrl:${near}` : key.startsWith(ODRL_NAMESPACE) ? ODRL_NAMESPACE + near : near;
        ctx.report({
          code: 'odrl/unknown-term',
          path: at,
          target: 'key',
          message: `"${key}" is not an ODRL term; did you mean "${to}"? JSON-LD processors drop members the @context does not define, so the policy would silently lack it.`,
          fixes: hasOwn(obj, to) ? undefined : [{ kind: 'rename-key', title: `Rename to "${to}"`, path: at, to, safe: false }],
        });
      }
    }
    // The value compared with is data, not policy structure.
    if (term === 'rightOperand' || key === '@value') continue;
    const value = obj[key];
    for (const item of itemsOf(value, at)) {
      if (isObject(item.value)) checkTerms(ctx, item.value, item.path);
      else if (Array.isArray(item.value)) item.value.forEach((v, i) => isObject(v) && checkTerms(ctx, v, [...item.path, i]));
    }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkUid(ctx: CheckContext, root: JsonObject): void {
  const uid = memberOf(root, 'uid') ?? (hasOwn(root, '@id') ? { key: '@id', value: root['@id'] } : undefined);
  if (!uid) {
    const id = hasOwn(root, 'id') ? root.id : undefined;
    ctx.report({
      code: 'odrl/uid',
      path: hasOwn(root, 'id') ? ['id'] : [],
      target: hasOwn(root, 'id') ? 'key' : undefined,
      message: hasOwn(root, 'id')
        ? 'The ODRL context names the policy identifier "uid" (an alias of @id); "id" is not defined there, so the policy has no identifier.'
        : 'The policy has no uid: ODRL requires one IRI that identifies it, which agreements, inheritance and policy decision points refer to.',
      fixes: hasOwn(root, 'id') && typeof id === 'string' ? [{ kind: 'rename-key', title: 'Rename to "uid"', path: ['id'], to: 'uid', safe: false }] : undefined,
    });
    return;
  }
  const path = [uid.key];
  if (typeof uid.value !== 'string') {
    ctx.report({ code: 'odrl/uid', path, message: `The policy's uid is an IRI (a string), not ${describeType(uid.value)}.` });
    return;
  }
  const verdict = checkAbsoluteUri(uid.value);
  if (verdict.ok) return;
  const fix: Fix | undefined = UUID.test(uid.value) ? { kind: 'set-value', title: `Change to "urn:uuid:${uid.value}"`, path, value: `urn:uuid:${uid.value}`, safe: true } : undefined;
  ctx.report({
    code: 'odrl/uid',
    path,
    message: `The policy's uid is an IRI, but ${verdict.reason}${fix ? ': a bare UUID is written "urn:uuid:…"' : ''}. A relative id is resolved against wherever the policy is read from, so it names a different policy in each place.`,
    fixes: fix ? [fix] : undefined,
  });
}

const DUTY_MEMBER: Partial<Record<RuleKind, { member: string; kind: RuleKind }>> = {
  permission: { member: 'duty', kind: 'duty' },
  prohibition: { member: 'remedy', kind: 'remedy' },
  obligation: { member: 'consequence', kind: 'consequence' },
  duty: { member: 'consequence', kind: 'consequence' },
};

function checkRule(ctx: CheckContext, rule: JsonObject, path: JsonPath, kind: RuleKind, inherited: Inherited, options: PolicyOptions): void {
  const action = memberOf(rule, 'action');
  if (action) checkAction(ctx, action.value, [...path, action.key], options);
  else if (!inherited.action || kind === 'duty' || kind === 'remedy' || kind === 'consequence') {
    ctx.report({
      code: 'odrl/rule-action',
      path,
      message: `This ${kind} has no action: every ODRL rule names what may, must not, or must be done (such as "use", "read" or "distribute").`,
    });
  }
  const target = memberOf(rule, 'target');
  if (target) checkRefinements(ctx, target.value, [...path, target.key], options);
  else if ((kind === 'permission' || kind === 'prohibition') && !inherited.target) {
    ctx.report({
      code: 'odrl/target',
      path,
      message: `This ${kind} has no target, and the policy names none for all its rules: ODRL requires the asset a ${kind} is about.`,
    });
  }
  for (const party of ['assigner', 'assignee']) {
    const found = memberOf(rule, party);
    if (found) checkRefinements(ctx, found.value, [...path, found.key], options);
  }
  const constraint = memberOf(rule, 'constraint');
  if (constraint) for (const item of itemsOf(constraint.value, [...path, constraint.key])) checkConstraint(ctx, item.value, item.path, options);
  const duty = DUTY_MEMBER[kind];
  const duties = duty ? memberOf(rule, duty.member) : undefined;
  if (duty && duties) {
    for (const item of itemsOf(duties.value, [...path, duties.key])) {
      if (isObject(item.value)) checkRule(ctx, item.value, item.path, duty.kind, { ...inherited, action: false }, options);
    }
  }
}

/** Refinements of an asset or party collection (FIWARE's ODRL-PAP puts its entity type constraints there). */
function checkRefinements(ctx: CheckContext, value: unknown, path: JsonPath, options: PolicyOptions): void {
  for (const item of itemsOf(value, path)) {
    if (!isObject(item.value)) continue;
    const refinement = memberOf(item.value, 'refinement');
    if (refinement) for (const c of itemsOf(refinement.value, [...item.path, refinement.key])) checkConstraint(ctx, c.value, c.path, options);
  }
}

function checkAction(ctx: CheckContext, value: unknown, path: JsonPath, options: PolicyOptions): void {
  for (const item of itemsOf(value, path)) {
    const v = item.value;
    // An action with refinements: {"rdf:value": {"@id": "odrl:print"}, "refinement": [...]}.
    if (isObject(v) && (hasOwn(v, 'rdf:value') || hasOwn(v, 'value'))) {
      const key = hasOwn(v, 'rdf:value') ? 'rdf:value' : 'value';
      checkActionName(ctx, stringAt(v[key], [...item.path, key]));
      const refinement = memberOf(v, 'refinement');
      if (refinement) for (const c of itemsOf(refinement.value, [...item.path, refinement.key])) checkConstraint(ctx, c.value, c.path, options);
      continue;
    }
    checkActionName(ctx, stringAt(v, item.path));
  }
}

/** The same term written the way `original` writes ODRL terms (bare, `odrl:` or a full IRI). */
function sameStyle(original: string, term: string): string {
  if (term.includes(':')) return term;
  if (original.startsWith('odrl:')) return `odrl:${term}`;
  if (original.startsWith(ODRL_NAMESPACE)) return ODRL_NAMESPACE + term;
  return term;
}

function checkActionName(ctx: CheckContext, found: { text: string; path: JsonPath } | undefined): void {
  if (!found) return;
  const term = odrlTerm(found.text);
  if (term === undefined || hasOwn(ACTIONS, term)) return;
  if (hasOwn(DEPRECATED_ACTIONS, term)) {
    const replacement = DEPRECATED_ACTIONS[term];
    const to = replacement ? sameStyle(found.text, replacement) : undefined;
    ctx.report({
      code: 'odrl/action',
      path: found.path,
      severity: 'information',
      message: `"${found.text}" is deprecated in ODRL 2.2${to ? `; use "${to}"` : ''}. Policy engines built on the 2.2 vocabulary may not know it.`,
      fixes: to && !replacement!.includes(':') ? [{ kind: 'set-value', title: `Change to "${to}"`, path: found.path, value: to, safe: false }] : undefined,
    });
    return;
  }
  const near = closest(term, Object.keys(ACTIONS));
  const to = near ? sameStyle(found.text, near) : undefined;
  ctx.report({
    code: 'odrl/action',
    path: found.path,
    message: `"${found.text}" is not an ODRL 2.2 action${to ? `; did you mean "${to}"?` : '.'} An action of a profile is written with the profile's prefix (such as "dome-op:read").`,
    fixes: to ? [{ kind: 'set-value', title: `Change to "${to}"`, path: found.path, value: to, safe: false }] : undefined,
  });
}

function checkConstraint(ctx: CheckContext, value: unknown, path: JsonPath, options: PolicyOptions): void {
  if (typeof value === 'string') return; // a reference to a constraint by its uid
  if (!isObject(value)) {
    ctx.report({ code: 'odrl/constraint', path, message: `A constraint is an object with leftOperand, operator and rightOperand, not ${describeType(value)}.` });
    return;
  }
  if (hasOwn(value, '@id') && Object.keys(value).every((k) => k === '@id' || k === '@type')) return; // a reference
  const logical = Object.keys(value).filter((k) => {
    const t = odrlTerm(k);
    return t !== undefined && hasOwn(LOGICAL_OPERANDS, t);
  });
  const left = memberOf(value, 'leftOperand');
  const operator = memberOf(value, 'operator');
  const right = memberOf(value, 'rightOperand') ?? memberOf(value, 'rightOperandReference');
  if (logical.length > 0) {
    if (logical.length > 1 || left || operator || right) {
      ctx.report({
        code: 'odrl/constraint',
        path: [...path, logical[logical.length > 1 ? 1 : 0]!],
        target: 'key',
        message: `A logical constraint has one operand (and, or, xone or andSequence) over a list of constraints and nothing else; ${logical.length > 1 ? `"${logical[0]}" and "${logical[1]}" are both here` : 'this one also has leftOperand, operator or rightOperand'}.`,
      });
    }
    const key = logical[0]!;
    const list = value[key];
    const items = Array.isArray(list) ? list : isObject(list) && Array.isArray(list['@list']) ? list['@list'] : undefined;
    const itemsPath = Array.isArray(list) ? [...path, key] : [...path, key, '@list'];
    if (!items) {
      ctx.report({ code: 'odrl/constraint', path: [...path, key], message: `"${key}" holds a list of constraints ({"@list": [...]} or an array), not ${describeType(list)}.` });
      return;
    }
    items.forEach((item, i) => checkConstraint(ctx, item, [...itemsPath, i], options));
    return;
  }
  const missing = [left ? '' : 'leftOperand', operator ? '' : 'operator', right ? '' : 'rightOperand'].filter(Boolean);
  if (missing.length > 0) {
    ctx.report({
      code: 'odrl/constraint',
      path,
      message: `This constraint lacks ${missing.map((m) => `"${m}"`).join(' and ')}: a constraint compares a leftOperand with a rightOperand (or rightOperandReference) through an operator, or is a logical constraint (and, or, xone, andSequence).`,
    });
  }
  if (operator) checkOperator(ctx, stringAt(operator.value, [...path, operator.key]), operator.value, [...path, operator.key]);
  const leftName = left ? stringAt(left.value, [...path, left.key]) : undefined;
  if (leftName) checkLeftOperand(ctx, leftName);
  if (leftName && NGSI_LD_ENTITY_TYPE_OPERANDS.includes(leftName.text) && right && odrlTerm(right.key) === 'rightOperand' && options.models) {
    checkEntityTypes(ctx, right.value, [...path, right.key], options.models);
  }
}

function checkOperator(ctx: CheckContext, found: { text: string; path: JsonPath } | undefined, raw: unknown, path: JsonPath): void {
  if (!found) {
    ctx.report({ code: 'odrl/operator', path, message: `"operator" names an ODRL operator (such as "eq" or {"@id": "odrl:eq"}), not ${describeType(raw)}.` });
    return;
  }
  const term = odrlTerm(found.text);
  if (term === undefined || hasOwn(OPERATORS, term)) return;
  const alias = hasOwn(OPERATOR_ALIASES, term) ? OPERATOR_ALIASES[term] : undefined;
  const near = alias ?? closest(term, Object.keys(OPERATORS));
  const to = near ? sameStyle(found.text, near) : undefined;
  ctx.report({
    code: 'odrl/operator',
    path: found.path,
    message: `"${found.text}" is not an ODRL operator${to ? `; did you mean "${to}" (${OPERATORS[near!]})?` : '.'} The operators are ${Object.keys(OPERATORS).join(', ')}.`,
    fixes: to ? [{ kind: 'set-value', title: `Change to "${to}"`, path: found.path, value: to, safe: false }] : undefined,
  });
}

function checkLeftOperand(ctx: CheckContext, found: { text: string; path: JsonPath }): void {
  const term = odrlTerm(found.text);
  if (term === undefined || hasOwn(LEFT_OPERANDS, term)) return;
  // Profiles add left operands of their own: only a near miss of an ODRL one is worth a word.
  const near = closest(term, Object.keys(LEFT_OPERANDS));
  if (!near) return;
  const to = sameStyle(found.text, near);
  ctx.report({
    code: 'odrl/left-operand',
    path: found.path,
    message: `"${found.text}" is not an ODRL left operand; did you mean "${to}" (${LEFT_OPERANDS[near]!.replace(/\.$/, '').toLowerCase()})? A policy decision point that does not know the operand cannot evaluate the constraint.`,
    fixes: [{ kind: 'set-value', title: `Change to "${to}"`, path: found.path, value: to, safe: false }],
  });
}

/**
 * Entity types named by an `ngsi-ld:entityType` constraint, looked up like an entity's data model: nothing is
 * said while a lookup is under way (the check runs again when it ends), and a type no source knows gets the
 * nearest known type.
 */
function checkEntityTypes(ctx: CheckContext, value: unknown, path: JsonPath, models: ModelProvider): void {
  const values = Array.isArray(value) ? value.map((v, i) => ({ v, p: [...path, i] as JsonPath })) : [{ v: value, p: path }];
  for (const { v, p } of values) {
    const found = stringAt(v, p);
    if (!found || found.text.trim() === '') continue;
    for (const written of found.text.split(',').map((s) => s.trim()).filter(Boolean)) {
      const type = shortTypeName(written);
      const lookup = models.lookup(type);
      if (lookup.state !== 'unknown') continue;
      const known = models.knownTypesNow?.() ?? [];
      const near = closest(type, known);
      const single = written === found.text;
      const to = near ? found.text.slice(0, found.text.length - type.length) + near : undefined;
      ctx.report({
        code: 'odrl/entity-type',
        path: found.path,
        message: `No data model of the workspace or the catalog defines the entity type "${type}"${near ? `; did you mean "${near}"?` : '.'} The policy decision point compares the type literally: a misspelt type never matches, and the rule silently never applies.`,
        fixes: single && to && near ? [{ kind: 'set-value', title: `Change to "${to}"`, path: found.path, value: to, safe: false }] : undefined,
      });
    }
  }
}

/** An Offer names its assigner; an Agreement its assigner and assignee (for the policy, or in every rule). */
function checkParties(ctx: CheckContext, root: JsonObject, rules: { rule: JsonObject; kind: RuleKind }[], inherited: Inherited): void {
  const classes = typesOf(root);
  const needed = classes.includes('Agreement') ? ['assigner', 'assignee'] : classes.includes('Offer') ? ['assigner'] : [];
  const cls = classes.includes('Agreement') ? 'Agreement' : 'Offer';
  const missing = needed.filter((party) => !inherited[party as 'assigner' | 'assignee'] && (rules.length === 0 || rules.some((r) => !memberOf(r.rule, party))));
  if (missing.length === 0) return;
  ctx.report({
    code: 'odrl/party',
    path: [],
    message: `An ${cls} names its ${missing.join(' and ')} (for the whole policy, or in every rule): ${cls === 'Agreement' ? 'an agreement binds the party granting and the party granted' : 'an offer comes from a party'}, and ODRL requires ${missing.length === 1 ? 'it' : 'them'}.`,
  });
}

