/**
 * The fields of an algorithm register entry, Algorithmic Transparency Standard v0.3.1 (Eurocities /
 * Algoritmeregister), as data: name, value type, allowed values, whether the standard requires it, and
 * what it is for, in our words. The checks, completion and hover of register entries read this table; a
 * test holds it to the standard's own field list.
 *
 * The standard lists the allowed values of each enumerated field twice, in English and in Dutch, in the
 * same order: the Dutch list is the Dutch edition of the same values. English values are accepted in every
 * entry; Dutch values are accepted in an entry whose `lang` is "nl", and elsewhere reported with the
 * English value at the same position as the fix.
 */

/** How the value of a field is written (every field is a JSON string). */
export type FieldType = 'string' | 'enum' | 'url' | 'email' | 'date' | 'const' | 'uuid';

export type FieldCategory = 'basic' | 'use' | 'data' | 'algorithm' | 'oversight' | 'metadata';

export const CATEGORY_LABELS: Readonly<Record<FieldCategory, string>> = {
  basic: 'Basic information',
  use: 'Use case',
  data: 'Data',
  algorithm: 'Algorithm',
  oversight: 'Oversight',
  metadata: 'Metadata',
};

export interface RegisterField {
  /** The attribute name, as written in the entry. */
  name: string;
  type: FieldType;
  required: boolean;
  category: FieldCategory;
  /** A short human name. */
  label: string;
  /** What the field holds, in a sentence or two. */
  doc: string;
  /** Allowed values (enum fields), in English. */
  values?: readonly string[];
  /** The same values in Dutch, position for position. */
  dutch?: readonly string[];
  /** The only value allowed (const fields). */
  const?: string;
}

export const STANDARD_VERSION = '0.3.1';

/** The most characters the standard allows in `description_short`. */
export const SHORT_DESCRIPTION_MAX = 150;
/** The length the standard asks of `description`. */
export const DESCRIPTION_MIN = 500;
export const DESCRIPTION_MAX = 10_000;

const field = (name: string, type: FieldType, required: boolean, category: FieldCategory, label: string, doc: string, extra: Partial<RegisterField> = {}): RegisterField => ({
  name,
  type,
  required,
  category,
  label,
  doc,
  ...extra,
});

export const DOMAINS = [
  'taxes',
  'housing, living and living environment',
  'culture, sports and leisure',
  'defence',
  'economy and entrepreneurship',
  'family, youth and households',
  'finance',
  'generic',
  'health and health care',
  'immigration and integration',
  'international collaboration and development aid',
  'agriculture, nature and food',
  // Sic: the standard's value is spelt so.
  'environment, spacial planning and water',
  'education and science',
  'public safety',
  'government',
  'justice',
  'travel, living and working abroad',
  'subsidies, benefits and allowances',
  'traffic and transportation',
  'work and career',
] as const;

const DOMAINS_NL = [
  'belastingen',
  'bouwen, wonen en leefomgeving',
  'cultuur, sport en vrije tijd',
  'defensie',
  'economie en ondernemen',
  'familie, jeugd en gezin',
  'financiën',
  'generiek',
  'gezondheid en zorg',
  'immigratie, integratie en inburgering',
  'internationale- en ontwikkelingssamenwerking',
  'landbouw, natuur en voedsel',
  'milieu, ruimte en water',
  'onderwijs en wetenschap',
  'openbare orde en veiligheid',
  'overheid, bestuur en koninkrijk',
  'rechtspraak',
  'reizen, wonen en werken in het buitenland',
  'subsidies, uitkeringen en toeslagen',
  'verkeer en vervoer',
  'werk en loopbaan',
] as const;

export const RISK_CATEGORIES = ['minimal risk', 'limited risk', 'high risk', 'unacceptable'] as const;

/** The fields in the standard's order (by category). */
export const REGISTER_FIELDS: readonly RegisterField[] = [
  // Basic information: the index card of the entry.
  field('name', 'string', true, 'basic', 'Name', 'The everyday name people use for this use of the algorithm.'),
  field('description_short', 'string', true, 'basic', 'Short description', `What the entry is about, in at most ${SHORT_DESCRIPTION_MAX} characters, for lists and overviews.`),
  field('organization', 'string', true, 'basic', 'Responsible organisation', 'The official name of the organisation that answers for this use of the algorithm, such as the city.'),
  field('department', 'string', true, 'basic', 'Department', 'The department, programme or team that uses the algorithm.'),
  field('contact_email', 'email', true, 'basic', 'Contact e-mail', 'An e-mail address where questions about the entry are answered.'),
  field('contact_phone', 'string', false, 'basic', 'Contact phone', 'A phone number for questions about the entry.'),
  field('contact_name', 'string', false, 'basic', 'Contact person', 'Who to ask about the entry.'),
  field('area', 'string', true, 'basic', 'Area', 'The official name of the place where the algorithm is used (a city, a district, a region).'),
  field('domain', 'enum', true, 'basic', 'Policy domain', 'The policy domain the algorithm serves, from the standard\'s list of domains.', { values: DOMAINS, dutch: DOMAINS_NL }),
  field('website', 'url', false, 'basic', 'Web page', 'A web page (http or https) about this entry, for instance in the public register.'),
  field('status', 'enum', true, 'basic', 'Status', 'Where the use of the algorithm stands, from planned to retired.', {
    values: ['planned', 'design', 'development', 'pilot', 'evaluation', 'operational', 'retired'],
    dutch: ['gepland', 'ontwerp', 'ontwikkeling', 'pilot', 'evaluatie', 'operationeel', 'beëindigd'],
  }),
  field('remark', 'string', false, 'basic', 'Remark', 'Anything worth adding, such as why the use ended.'),
  // Use case: why the algorithm is used.
  field('decision_making_process', 'string', true, 'use', 'Decision-making process', 'The formal process of the organisation the algorithm takes part in, best with references to the laws, rules or policies behind it.'),
  field('goal', 'string', true, 'use', 'Goals', 'The aims of the policy behind the algorithm and how the algorithm is expected to help reach them.'),
  field('impact', 'string', true, 'use', 'Impact', 'How and when people meet the effects of the algorithm, and what that means for them and for society.'),
  field('risks', 'string', true, 'use', 'Risks', 'The risk assessment used, the risks found and how they are reduced.'),
  field('risk_category', 'enum', true, 'use', 'Risk category', 'The risk class of this use, in the terms of the European approach to artificial intelligence (the AI Act).', {
    values: RISK_CATEGORIES,
    dutch: ['minimaal risico', 'beperkt risico', 'hoog risico', 'onaanvaardbaar'],
  }),
  field('proportionality', 'string', true, 'use', 'Proportionality', 'Why using the algorithm is justified: why its expected benefits outweigh the harm it may do.'),
  field('lawful_basis', 'string', true, 'use', 'Lawful basis', 'The legal ground for using the algorithm.'),
  field('documentation', 'url', false, 'use', 'More information', 'A link (http or https) to further documents on this use of the algorithm.'),
  // Data: what the algorithm learns from and works on.
  field('training_data', 'string', true, 'data', 'Training data', 'The data the algorithm was trained on, and why each source was included.'),
  field('source_data', 'string', true, 'data', 'Source data', 'The data the algorithm processes in use, why each source is included and what depends on it.'),
  field('data_bias', 'string', false, 'data', 'Data bias', 'Known biases in the data and how they are compensated for.'),
  field('connected_data_sources', 'string', true, 'data', 'Connected data sources', 'Whether the algorithm is linked to a population register or other data sources, and which.'),
  field('DPIA_description', 'string', false, 'data', 'DPIA summary', 'The main findings of the data protection impact assessment, including how discrimination through (proxies of) ethnicity, sex or postcode is prevented.'),
  field('DPIA_url', 'url', false, 'data', 'DPIA link', 'A link (http or https) to the full data protection impact assessment.'),
  // Algorithm: how it works.
  field('algorithm_type', 'enum', true, 'algorithm', 'Kind of algorithm', 'Whether the algorithm learns from data, follows fixed rules, or both; a first indication of risk.', {
    values: ['self-learning', 'rule-based', 'hybrid'],
    dutch: ['zelflerend', 'regelgebaseerd', 'hybride'],
  }),
  field('description', 'string', true, 'algorithm', 'Explanation', `How the algorithm works inside, in ${DESCRIPTION_MIN} to ${DESCRIPTION_MAX} characters: enough to understand how it turns data into a decision or advice.`),
  field('methods_and_models', 'string', false, 'algorithm', 'Methods and models', 'The known methods or models it uses (a neural network, an expert system, a decision tree...).'),
  field('performance', 'string', false, 'algorithm', 'Performance', 'How well the algorithm performs and how that is measured.'),
  field('alternatives_considered', 'string', false, 'algorithm', 'Alternatives considered', 'Other options that were weighed, and why this algorithm fits the goal best.'),
  field('product_information', 'url', false, 'algorithm', 'Central product information', 'A link (http or https) to central information on the algorithm as a product, such as a publiccode.yml file.'),
  field('codebase_url', 'url', false, 'algorithm', 'Source code', 'A link (http or https) to the source code of the algorithm.'),
  field('product_page', 'url', false, 'algorithm', 'Product page', 'A link (http or https) to a page with practical and technical details of the algorithm.'),
  field('AIA_description', 'string', false, 'algorithm', 'Algorithm impact assessment summary', 'Which algorithm impact assessment was made (FRAIA/IAMA, AIIA, capAI...) and its main findings.'),
  field('AIA_url', 'url', false, 'algorithm', 'Algorithm impact assessment link', 'A link (http or https) to the full algorithm impact assessment.'),
  // Oversight: how its use is watched and corrected.
  field('monitoring', 'string', true, 'oversight', 'Monitoring', 'What performance is expected, how it is monitored, how often and by whom.'),
  field('type', 'enum', true, 'oversight', 'Kind of use', 'What the algorithm\'s output is used for: describing, diagnosing, predicting or prescribing; a first indication of risk.', {
    values: ['descriptive', 'diagnostic', 'predictive', 'prescriptive'],
    dutch: ['descriptief', 'diagnostisch', 'voorspellend', 'prescriptief'],
  }),
  field('human_intervention', 'string', true, 'oversight', 'Human intervention', 'How people can check and overrule the outcomes, and who is responsible for doing so.'),
  field('objection_procedure', 'string', true, 'oversight', 'Objection procedure', 'How people can object to the use or the outcome of the algorithm.'),
  field('rollback', 'string', false, 'oversight', 'Rollback', 'Whether the effects of the algorithm can be fully undone, and what that takes.'),
  // Metadata: about the entry itself.
  field('standard_version', 'const', true, 'metadata', 'Standard version', `The version of the standard the entry follows: "${STANDARD_VERSION}".`, { const: STANDARD_VERSION }),
  field('uuid', 'uuid', false, 'metadata', 'Identifier', 'A universally unique identifier (UUID) of the entry.'),
  field('lang', 'string', true, 'metadata', 'Language', 'The language the entry is written in, as an ISO 639-1 code such as "en" or "nl".'),
  field('publication_date', 'date', true, 'metadata', 'Publication date', 'When the entry was first published (YYYY-MM-DD).'),
  field('last_change_date', 'date', true, 'metadata', 'Last change', 'When the entry was last changed (YYYY-MM-DD); not before the publication date.'),
  field('revision_date', 'date', true, 'metadata', 'Revision due', 'The date by which the entry must be reviewed again (YYYY-MM-DD); not before the last change.'),
  field('revision_note', 'string', false, 'metadata', 'Revision note', 'Why a revision is planned (end of a pilot, a yearly review, a change in the law...).'),
  field('keywords', 'string', false, 'metadata', 'Keywords', 'Words that help people find the entry.'),
];

const BY_NAME: ReadonlyMap<string, RegisterField> = new Map(REGISTER_FIELDS.map((f) => [f.name, f]));

export const FIELD_NAMES: readonly string[] = REGISTER_FIELDS.map((f) => f.name);

export function registerField(name: string): RegisterField | undefined {
  return BY_NAME.get(name);
}

/** The English value an enum value stands for: itself, or the English value at the position of a Dutch one. */
export function englishValue(field: RegisterField, value: string): string | undefined {
  if (!field.values) return undefined;
  if (field.values.includes(value)) return value;
  const i = field.dutch?.indexOf(value) ?? -1;
  return i >= 0 ? field.values[i] : undefined;
}

/**
 * Names of the standard that hardly occur elsewhere (other JSON, NGSI entities): detection counts these, not
 * generic ones such as name, type, status or description.
 */
export const DISTINCTIVE_FIELDS: ReadonlySet<string> = new Set(FIELD_NAMES.filter((n) => n.includes('_') && n !== 'contact_name' && n !== 'contact_phone'));
