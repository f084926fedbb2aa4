/**
 * What is derived from the rule registry: the rules page (docs/rules.md) and the schema of the
 * `mim.rules` and `mim.payloadKinds` settings in package.json. `npm run docs` writes them; a test fails
 * when they are out of date.
 */
import { PAYLOAD_KINDS, PAYLOAD_KIND_LABELS } from '../server/src/service/detect';
import { EDITIONS, MIMS, MIM_IDS, REQUIREMENTS, REQUIREMENT_KEYS, requirementLabel, type Edition, type MimId, type MimRequirement, type RequirementKey } from '../server/src/service/mims';
import { RULES, RULE_CODES, mimsServed, ruleAnchor, type RuleCode } from '../server/src/service/rules';

function unmarked(text: string): { text: string; marked: string } {
  const start = text.indexOf('⟦');
  const end = text.indexOf('⟧');
  const plain = text.replace(/[⟦⟧]/g, '');
  return { text: plain, marked: start >= 0 && end > start ? text.slice(start + 1, end) : '' };
}

function pretty(text: string): string {
  try {
    const body = text.replace(/^\uFEFF/, '');
    const value = JSON.parse(body) as unknown;
    const out = JSON.stringify(value, null, 2);
    return out.length <= 400 ? out.replace(/\[\s+([^[\]{}]*?)\s+\]/g, (_, inner: string) => `[${inner.replace(/\s*\n\s*/g, ' ')}]`) : out;
  } catch {
    return text;
  }
}

function describeMarked(marked: string): string {
  if (marked === '\uFEFF') return 'the byte order mark at the start';
  const oneLine = marked.replace(/\s+/g, ' ');
  return '`' + (oneLine.length > 70 ? oneLine.slice(0, 67) + '...' : oneLine) + '`';
}

export function renderRulesPage(): string {
  const out: string[] = [];
  out.push('# Rules');
  out.push('');
  out.push('<!-- Generated from the rule registry by `npm run docs`. Do not edit by hand: a test fails when this page is out of date. -->');
  out.push('');
  out.push(
    'Every problem the checker reports has a stable code. Change a rule\'s severity or switch it off with the `mim.rules` ' +
      'setting (`"mim.rules": {"ngsi-ld/entity-id-form": "off"}`) or, on the command line, `mim-check --rule CODE=SEVERITY`. ' +
      '"Broker answer" is the NGSI-LD error type a context broker returns for the same mistake.',
  );
  out.push('');
  out.push(
    'The rules are grouped by the Minimal Interoperability Mechanism (MIM) they serve, by its 2022 number and its topic. ' +
      'After what a rule checks comes what it serves: the requirements of the MIMs it supports in both editions in use, ' +
      'the capability-and-requirement format (Accessing, Interlinking, Representing and Geospatial data, with numbered ' +
      'capabilities C*n* and requirements R*n.m*) and the 2022 edition (MIM1 Context ... MIM7 Places). Where a MIM has no ' +
      'numbered requirement that fits, the rule names the MIM and says so. The summaries of the requirements are ours; the ' +
      'linked OASC pages hold the wording that counts. A rule supports a requirement: a file without problems is not thereby ' +
      'certified, and services and brokers are not tested. [The requirements](#requirements) at the end list the rules per requirement.',
  );
  out.push('');
  out.push('| code | MIM | requirements (new format) | severity | title |');
  out.push('| --- | --- | --- | --- | --- |');
  for (const code of RULE_CODES) {
    const rule = RULES[code];
    const served = rule.requirements['new-format'].map((key) => `[${requirementLabel(REQUIREMENTS[key])}](#${requirementAnchor(key)})`).join(', ');
    out.push(`| [\`${code}\`](#${anchor(code)}) | ${rule.mim} | ${served} | ${rule.severity} | ${escapeHtml(rule.title)} |`);
  }
  const byMim = new Map<MimId, RuleCode[]>();
  for (const code of RULE_CODES) {
    const list = byMim.get(RULES[code].mim) ?? [];
    list.push(code);
    byMim.set(RULES[code].mim, list);
  }
  for (const mim of MIM_IDS) {
    const codes = byMim.get(mim) ?? [];
    const info = MIMS[mim];
    out.push('');
    out.push(`## ${mim} ${info.name2022} (${info.topic})`);
    out.push('');
    out.push(`The 2022 text: <${info.url2022}>${info.url !== info.url2022 ? `; the capability-and-requirement format: <${info.url}>` : ''}.`);
    // Rules filed under another MIM that serve a requirement of this one.
    const alsoServing = RULE_CODES.filter((code) => RULES[code].mim !== mim && mimsServed(code).includes(mim));
    if (alsoServing.length > 0) {
      out.push('');
      out.push(
        `${codes.length === 0 ? `No rule is filed under ${mim}; these` : 'These'} rules of other MIMs serve its requirements too: ` +
          alsoServing.map((code) => `[\`${code}\`](#${anchor(code)}) (${RULES[code].mim})`).join(', ') + '.',
      );
    }
    for (const code of codes) {
      const rule = RULES[code];
      out.push('');
      out.push(`<a id="${anchor(code)}"></a>`);
      out.push(`### \`${code}\``);
      out.push('');
      const facts = [`**${escapeHtml(rule.title)}.**`, `Severity: ${rule.severity}.`];
      if (rule.brokerError) facts.push(`Broker answer: ${rule.brokerError}.`);
      if (rule.fix) facts.push(`Quick fix: ${rule.fix}.`);
      out.push(facts.join(' '));
      out.push('');
      out.push(rule.docs);
      out.push('');
      out.push(`Serves ${rule.mim} ${info.name2022} (${info.topic}):`);
      out.push('');
      for (const edition of EDITIONS) {
        for (const key of rule.requirements[edition]) out.push(`- ${describeRequirement(REQUIREMENTS[key], edition)}`);
      }
      out.push('');
      out.push(`Source: ${rule.source}.`);
      out.push('');
      if (rule.invalid.settings) out.push(`The examples are checked with the settings \`${JSON.stringify(prefixed(rule.invalid.settings))}\`.`, '');
      out.push(`Valid (\`${rule.valid.file}\`):`);
      out.push('');
      out.push('```json');
      out.push(pretty(rule.valid.text));
      out.push('```');
      out.push('');
      const invalid = unmarked(rule.invalid.text);
      out.push(`Invalid (\`${rule.invalid.file}\`), reported on ${describeMarked(invalid.marked)}:`);
      out.push('');
      out.push('```json');
      out.push(pretty(invalid.text).replace(/^\uFEFF/, ''));
      out.push('```');
    }
  }
  out.push(...requirementsSection());
  out.push('');
  return out.join('\n');
}

const EDITION_NAMES: Readonly<Record<Edition, string>> = { 'new-format': 'new format', '2022': '2022 edition' };

/** One requirement a rule serves: "new format: [Interlinking data R1.1](url): Every entity ..." */
function describeRequirement(requirement: MimRequirement, edition: Edition): string {
  const numbered = requirement.id ? '' : ' (no numbered requirement)';
  return `${EDITION_NAMES[edition]}: [${requirementLabel(requirement)}](${requirement.url})${numbered}: ${requirement.summary}`;
}

/** Every requirement the rules serve, with its summary and its rules: "which rules serve Geospatial data R5.1". */
function requirementsSection(): string[] {
  const out: string[] = ['', '<a id="requirements"></a>', '## The requirements', ''];
  out.push('The requirements of both editions, each with the rules that support it. Requirements no rule serves are not listed.');
  for (const edition of EDITIONS) {
    out.push('', `### ${edition === 'new-format' ? 'Capability-and-requirement format' : '2022 edition'}`, '');
    for (const key of REQUIREMENT_KEYS) {
      const requirement = REQUIREMENTS[key];
      if (requirement.edition !== edition) continue;
      const codes = RULE_CODES.filter((code) => (RULES[code].requirements[edition] as readonly RequirementKey[]).includes(key));
      if (codes.length === 0) continue;
      out.push(`- <a id="${requirementAnchor(key)}"></a>[${requirementLabel(requirement)}](${requirement.url}) (${requirement.mim}): ${requirement.summary} ` +
        `Rules: ${codes.map((code) => `[\`${code}\`](#${anchor(code)})`).join(', ')}.`);
    }
  }
  return out;
}

export function requirementAnchor(key: RequirementKey): string {
  return 'req-' + anchor(key);
}

function prefixed(settings: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(settings).map(([k, v]) => [`mim.${k}`, v]));
}

function escapeHtml(text: string): string {
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const anchor = ruleAnchor;

/** The `properties` of the `mim.rules` setting: one entry per rule. */
export function ruleSettingsProperties(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const code of RULE_CODES) {
    const rule = RULES[code];
    properties[code] = {
      type: 'string',
      enum: ['error', 'warning', 'information', 'hint', 'off'],
      default: rule.severity,
      description: `%config.rule.${code}%`,
    };
  }
  return properties;
}

export function payloadKindSchema(): Record<string, unknown> {
  return { type: 'string', enum: [...PAYLOAD_KINDS], enumDescriptions: PAYLOAD_KINDS.map((k) => `%config.payloadKind.${k}%`) };
}

/** Prefixes of the package.nls.json keys written from the registry (the others are written by hand). */
export const GENERATED_NLS_PREFIXES = ['config.rule.', 'config.payloadKind.'];

/** The user-visible strings of the generated settings, for package.nls.json. */
export function generatedStrings(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const code of RULE_CODES) {
    const rule = RULES[code];
    out[`config.rule.${code}`] = `${rule.title} (${rule.mim}; default: ${rule.severity}).`;
  }
  for (const kind of PAYLOAD_KINDS) out[`config.payloadKind.${kind}`] = PAYLOAD_KIND_LABELS[kind];
  return out;
}

/** package.nls.json with the generated strings brought up to date and the hand-written ones kept. */
export function updatedNls(current: Record<string, string>): Record<string, string> {
  const kept = Object.entries(current).filter(([key]) => !GENERATED_NLS_PREFIXES.some((p) => key.startsWith(p)));
  return { ...Object.fromEntries(kept), ...generatedStrings() };
}
