/**
 * Completion and hover in ODRL policies: the members each part of a policy takes (policy, rules, constraints,
 * assets and parties), actions, operators and left operands, and the entity types an `ngsi-ld:entityType`
 * constraint may name. Names are offered in the policy's own style: plain, or `odrl:`-prefixed.
 */
import type { CompletionEntry } from '../completion';
import type { HoverResult } from '../hover';
import type { JsonDocument, Span } from '../json/document';
import type { CursorLocation } from '../json/location';
import { hasOwn, isObject, type JsonObject, type JsonPath } from '../json/values';
import { shortTypeName, type ModelProvider } from '../sdm/validate';
import { memberOf, odrlTerm } from './terms';
import {
  ACTIONS,
  CONFLICT_VALUES,
  DEPRECATED_ACTIONS,
  LEFT_OPERANDS,
  NGSI_LD_ENTITY_TYPE_OPERANDS,
  OPERATORS,
  POLICY_CLASSES,
  PROPERTIES,
  type RuleKind,
} from './vocabulary';
import { literal, memberText } from '../snippet-text';

/** What an object of a policy is. */
export type PolicyRole = 'policy' | RuleKind | 'constraint' | 'asset' | 'party' | 'action';

const NEXT_ROLE: Readonly<Record<PolicyRole, Readonly<Record<string, PolicyRole>>>> = {
  policy: { permission: 'permission', prohibition: 'prohibition', obligation: 'obligation', target: 'asset', assigner: 'party', assignee: 'party', action: 'action' },
  permission: { action: 'action', target: 'asset', assigner: 'party', assignee: 'party', constraint: 'constraint', duty: 'duty' },
  prohibition: { action: 'action', target: 'asset', assigner: 'party', assignee: 'party', constraint: 'constraint', remedy: 'remedy' },
  obligation: { action: 'action', target: 'asset', assigner: 'party', assignee: 'party', constraint: 'constraint', consequence: 'consequence' },
  duty: { action: 'action', target: 'asset', assigner: 'party', assignee: 'party', constraint: 'constraint', consequence: 'consequence' },
  remedy: { action: 'action', target: 'asset', assigner: 'party', assignee: 'party', constraint: 'constraint' },
  consequence: { action: 'action', target: 'asset', assigner: 'party', assignee: 'party', constraint: 'constraint' },
  constraint: { and: 'constraint', or: 'constraint', xone: 'constraint', andSequence: 'constraint' },
  asset: { refinement: 'constraint' },
  party: { refinement: 'constraint' },
  action: { refinement: 'constraint' },
};

/** The members offered in each part of a policy, in this order. */
const MEMBERS: Readonly<Record<PolicyRole, readonly string[]>> = {
  policy: ['uid', 'permission', 'prohibition', 'obligation', 'target', 'assigner', 'assignee', 'action', 'profile', 'inheritFrom', 'conflict'],
  permission: ['action', 'target', 'assigner', 'assignee', 'constraint', 'duty', 'uid'],
  prohibition: ['action', 'target', 'assigner', 'assignee', 'constraint', 'remedy', 'uid'],
  obligation: ['action', 'assigner', 'assignee', 'target', 'constraint', 'consequence', 'uid'],
  duty: ['action', 'assigner', 'assignee', 'target', 'constraint', 'consequence', 'uid'],
  remedy: ['action', 'assigner', 'assignee', 'target', 'constraint', 'uid'],
  consequence: ['action', 'assigner', 'assignee', 'target', 'constraint', 'uid'],
  constraint: ['leftOperand', 'operator', 'rightOperand', 'rightOperandReference', 'unit', 'dataType', 'uid', 'and', 'or', 'xone', 'andSequence'],
  asset: ['uid', 'source', 'refinement', 'partOf'],
  party: ['uid', 'source', 'refinement', 'partOf'],
  action: ['rdf:value', 'refinement'],
};

/** The role of the object at `path` and the object itself, following the policy's structure from its root. */
export function roleAt(root: unknown, path: JsonPath): { role: PolicyRole; node: unknown } | undefined {
  let role: PolicyRole = 'policy';
  let node: unknown = root;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(node)) return undefined;
      node = node[segment];
      continue;
    }
    if (!isObject(node)) return undefined;
    const value = node[segment];
    if (segment === '@list' && role === 'constraint') {
      node = value;
      continue;
    }
    const term = odrlTerm(segment);
    const next: PolicyRole | undefined = term !== undefined ? NEXT_ROLE[role][term] : undefined;
    if (!next) return undefined;
    role = next;
    node = value;
  }
  return { role, node };
}

/** Whether the policy writes its terms `odrl:`-prefixed (as FIWARE's ODRL-PAP does). */
function prefixed(root: unknown): boolean {
  return isObject(root) && Object.keys(root).some((k) => k.startsWith('odrl:'));
}

/** The member whose value the cursor is in (through `{"@id": ...}`, arrays and `rdf:value`), and its owner. */
function valueOwner(path: JsonPath): { term: string; key: string; ownerPath: JsonPath } | undefined {
  let end = path.length;
  if (path[end - 1] === '@id' || path[end - 1] === '@value') end--;
  if (typeof path[end - 1] === 'number') end--;
  if (path[end - 1] === 'rdf:value') {
    end--;
    if (typeof path[end - 1] === 'number') end--;
  }
  const key = path[end - 1];
  if (typeof key !== 'string') return undefined;
  const term = odrlTerm(key);
  if (term === undefined && key !== '@type') return undefined;
  return { term: term ?? '@type', key, ownerPath: path.slice(0, end - 1) };
}

export interface PolicyAssistContext {
  knownTypes?: () => Promise<string[]>;
  models?: ModelProvider;
}

export async function policyCompletions(doc: JsonDocument, loc: CursorLocation, replace: Span, ctx: PolicyAssistContext): Promise<CompletionEntry[]> {
  const root = doc.root;
  const style = prefixed(root);
  const name = (term: string) => (style && !term.includes(':') && !term.startsWith('@') ? `odrl:${term}` : term);
  if (loc.atKey) {
    const owner = roleAt(root, loc.path.slice(0, -1));
    if (!owner || !isObject(owner.node)) return [];
    const present = owner.node;
    const typing = loc.path[loc.path.length - 1];
    const terms = [...MEMBERS[owner.role]];
    if (owner.role === 'policy') {
      if (!hasOwn(present, '@context')) terms.unshift('@context');
      if (!hasOwn(present, '@type') && !hasOwn(present, 'type')) terms.splice(1, 0, '@type');
    }
    const has = (t: string) => (t === 'uid' ? !!memberOf(present, 'uid') || hasOwn(present, '@id') : t.startsWith('@') || t.includes(':') ? hasOwn(present, t) : !!memberOf(present, t));
    return terms
      .filter((t) => name(t) === typing || t === typing || !has(t))
      .map((t, i) => ({
        label: name(t),
        kind: 'field' as const,
        detail: t.startsWith('@') ? 'JSON-LD' : 'ODRL',
        documentation: t === '@context' ? 'The JSON-LD context: the ODRL context makes the plain ODRL terms of this policy IRIs.' : t === '@type' ? 'The policy class: Set, Offer, Agreement...' : PROPERTIES[odrlTerm(t) ?? t] ?? 'The action, with refinements.',
        insertText: memberText(doc, replace, name(t), memberSnippet(t, name)),
        replace,
        sortText: String(i).padStart(2, '0'),
      }));
  }
  const owner = valueOwner(loc.path);
  if (!owner) return [];
  const at = roleAt(root, owner.ownerPath);
  if (!at) return [];
  const value = (label: string, documentation: string, detail?: string): CompletionEntry => ({ label, kind: 'enum', detail, documentation, insertText: literal(JSON.stringify(label)), replace });
  if (owner.term === '@type' && at.role === 'policy') return Object.entries(POLICY_CLASSES).map(([c, d]) => value(style ? `odrl:${c}` : c, d, 'policy class'));
  if (owner.term === 'conflict' && at.role === 'policy') return Object.entries(CONFLICT_VALUES).map(([c, d]) => value(c, d));
  if (owner.term === 'action') return Object.entries(ACTIONS).map(([a, d]) => value(name(a), d, 'ODRL action'));
  if (at.role !== 'constraint') return [];
  if (owner.term === 'operator') return Object.entries(OPERATORS).map(([o, d]) => value(name(o), d, 'ODRL operator'));
  if (owner.term === 'leftOperand') {
    return [value(NGSI_LD_ENTITY_TYPE_OPERANDS[0]!, 'The NGSI-LD entity type a request concerns (FIWARE ODRL-PAP).', 'NGSI-LD'), ...Object.entries(LEFT_OPERANDS).map(([o, d]) => value(name(o), d, 'ODRL left operand'))];
  }
  if (owner.term === 'rightOperand' && isObject(at.node) && isEntityTypeConstraint(at.node)) {
    return ((await ctx.knownTypes?.()) ?? []).map((t) => ({ label: t, kind: 'class' as const, detail: 'data model', insertText: literal(JSON.stringify(t)), replace }));
  }
  return [];
}

function isEntityTypeConstraint(constraint: JsonObject): boolean {
  const left = memberOf(constraint, 'leftOperand')?.value;
  const text = typeof left === 'string' ? left : isObject(left) && typeof left['@id'] === 'string' ? left['@id'] : undefined;
  return text !== undefined && NGSI_LD_ENTITY_TYPE_OPERANDS.includes(text);
}

export function policyHover(doc: JsonDocument, loc: CursorLocation, span: Span, ctx: PolicyAssistContext): HoverResult | undefined {
  const root = doc.root;
  if (loc.atKey) {
    const key = loc.path[loc.path.length - 1];
    const owner = roleAt(root, loc.path.slice(0, -1));
    const term = typeof key === 'string' ? odrlTerm(key) : undefined;
    if (!owner || term === undefined || !hasOwn(PROPERTIES, term)) return undefined;
    return { contents: `**${key}** (ODRL ${owner.role === 'policy' ? 'policy' : owner.role})\n\n${PROPERTIES[term]}`, span };
  }
  const text = loc.string?.value;
  const owner = valueOwner(loc.path);
  if (text === undefined || !owner) return undefined;
  const at = roleAt(root, owner.ownerPath);
  if (!at) return undefined;
  const term = odrlTerm(text);
  if (owner.term === '@type' && at.role === 'policy' && term && hasOwn(POLICY_CLASSES, term)) return { contents: `**${text}** (ODRL policy class)\n\n${POLICY_CLASSES[term]}`, span };
  if (owner.term === 'action' && term) {
    if (hasOwn(ACTIONS, term)) return { contents: `**${text}** (ODRL action)\n\n${ACTIONS[term]}`, span };
    if (hasOwn(DEPRECATED_ACTIONS, term)) return { contents: `**${text}**: deprecated in ODRL 2.2${DEPRECATED_ACTIONS[term] ? `; replaced by \`${DEPRECATED_ACTIONS[term]}\`` : ''}.`, span };
  }
  if (at.role !== 'constraint') return undefined;
  if (owner.term === 'operator' && term && hasOwn(OPERATORS, term)) return { contents: `**${text}** (ODRL operator): the left operand is ${OPERATORS[term]}.`, span };
  if (owner.term === 'leftOperand') {
    if (NGSI_LD_ENTITY_TYPE_OPERANDS.includes(text)) return { contents: `**${text}**: the NGSI-LD entity type of the request (FIWARE ODRL-PAP); the right operand names the type, checked against the known data models.`, span };
    if (term && hasOwn(LEFT_OPERANDS, term)) return { contents: `**${text}** (ODRL left operand)\n\n${LEFT_OPERANDS[term]}`, span };
  }
  if (owner.term === 'rightOperand' && isObject(at.node) && isEntityTypeConstraint(at.node) && ctx.models) {
    const type = shortTypeName(text);
    const lookup = ctx.models.lookup(type);
    if (lookup.state === 'ready') {
      const m = lookup.model;
      return { contents: [`**${type}**${m.title ? ` — ${m.title}` : ''} (entity type)`, m.description.description ?? '', `Data model from ${ctx.models.describeSource(m.entry)}: [schema.json](${m.entry.schemaUri})`].filter(Boolean).join('\n\n'), span };
    }
    if (lookup.state === 'unknown') return { contents: `**${type}**: no data model of the workspace or the catalog defines this entity type.`, span };
  }
  return undefined;
}

function memberSnippet(term: string, name: (term: string) => string): string {
  const key = (t: string) => JSON.stringify(name(t));
  switch (term) {
    case '@context':
      return '"http://www.w3.org/ns/odrl.jsonld"';
    case '@type':
      return `"\${1|${Object.keys(POLICY_CLASSES).map(name).join(',')}|}"`;
    case 'permission':
    case 'prohibition':
    case 'obligation':
    case 'duty':
    case 'remedy':
    case 'consequence':
      return `[{${key('action')}: "\${1:${name('use')}}"}]`;
    case 'constraint':
    case 'refinement':
      return `[{${key('leftOperand')}: "$1", ${key('operator')}: "\${2|${Object.keys(OPERATORS).map(name).join(',')}|}", ${key('rightOperand')}: "$3"}]`;
    case 'operator':
      return `"\${1|${Object.keys(OPERATORS).map(name).join(',')}|}"`;
    case 'conflict':
      return `"\${1|${Object.keys(CONFLICT_VALUES).join(',')}|}"`;
    case 'action':
      return `"\${1:${name('use')}}"`;
    case 'and':
    case 'or':
    case 'xone':
    case 'andSequence':
      return '[$1]';
    case 'profile':
    case 'inheritFrom':
    case 'uid':
    case 'target':
    case 'assigner':
    case 'assignee':
    case 'source':
    case 'partOf':
      return '"${1:https://}"';
    default:
      return '"$1"';
  }
}

