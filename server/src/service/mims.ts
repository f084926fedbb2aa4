/**
 * The Minimal Interoperability Mechanisms of OASC (ITU-T Y.4505) that rules serve. Two editions are in use:
 * the 2022 numbering (MIM1 Context ... MIM7 Places) and the newer capability-and-requirement format, in
 * which some MIMs were redrafted by topic (Accessing, Interlinking, Representing, Geospatial data) with
 * numbered capabilities (Cn) and requirements (Rn.m). Rules name the MIM by number and topic, and the
 * requirements they serve in both editions.
 *
 * The summaries below are ours: short paraphrases for a developer, not the OASC text. The pages they link
 * to hold the wording that counts.
 */
export type MimId = 'MIM1' | 'MIM2' | 'MIM3' | 'MIM4' | 'MIM5' | 'MIM6' | 'MIM7';

export const MIM_IDS: readonly MimId[] = ['MIM1', 'MIM2', 'MIM3', 'MIM4', 'MIM5', 'MIM6', 'MIM7'];

export interface MimInfo {
  id: MimId;
  /** Name in the 2022 edition. */
  name2022: string;
  /** Topic in the capability-and-requirement edition. */
  topic: string;
  /** Public page of the mechanism (the newer edition where there is one). */
  url: string;
  /** Public page of the 2022 text. */
  url2022: string;
}

const PAGES = 'https://mims.oascities.org/';
const PAGE_2022: Readonly<Record<MimId, string>> = {
  MIM1: `${PAGES}mims/oasc-mim-1-context`,
  MIM2: `${PAGES}mims/oasc-mim-2-data-models`,
  MIM3: `${PAGES}mims/oasc-mim-3-contracts`,
  MIM4: `${PAGES}mims/oasc-mim4-trust`,
  MIM5: `${PAGES}mims/oasc-mim5-transparency`,
  MIM6: `${PAGES}mims/oasc-mim6-security`,
  MIM7: `${PAGES}mims/oasc-mim7-places`,
};
const ACCESSING = `${PAGES}accessing-data/capabilities-and-requirements`;
const INTERLINKING = `${PAGES}interlinking-data/capabilities-and-requirements`;
const REPRESENTING = `${PAGES}representing-data/capabilities-and-requirements`;
const GEOSPATIAL = `${PAGES}geospatial-data/capabilities-and-requirements`;
const PERSONAL = `${PAGES}mim4-personal-data`;

export const MIMS: Readonly<Record<MimId, MimInfo>> = {
  MIM1: { id: 'MIM1', name2022: 'Context Information Management', topic: 'Accessing and interlinking data', url: ACCESSING, url2022: PAGE_2022.MIM1 },
  MIM2: { id: 'MIM2', name2022: 'Data Models', topic: 'Representing data', url: REPRESENTING, url2022: PAGE_2022.MIM2 },
  MIM3: { id: 'MIM3', name2022: 'Contracts', topic: 'Ecosystem transaction management', url: PAGE_2022.MIM3, url2022: PAGE_2022.MIM3 },
  MIM4: { id: 'MIM4', name2022: 'Trust', topic: 'Personal data', url: PERSONAL, url2022: PAGE_2022.MIM4 },
  MIM5: { id: 'MIM5', name2022: 'Transparency', topic: 'Fair AI', url: PAGE_2022.MIM5, url2022: PAGE_2022.MIM5 },
  MIM6: { id: 'MIM6', name2022: 'Security', topic: 'Security', url: PAGE_2022.MIM6, url2022: PAGE_2022.MIM6 },
  MIM7: { id: 'MIM7', name2022: 'Places', topic: 'Geospatial data', url: GEOSPATIAL, url2022: PAGE_2022.MIM7 },
};

/** The two editions of the MIMs in use. */
export type Edition = '2022' | 'new-format';

export const EDITIONS: readonly Edition[] = ['new-format', '2022'];

export const EDITION_LABELS: Readonly<Record<Edition, string>> = {
  '2022': 'the 2022 edition (MIM1 Context ... MIM7 Places)',
  'new-format': 'the capability-and-requirement format (Accessing, Interlinking, Representing, Geospatial data ...)',
};

interface RequirementSpec {
  readonly edition: Edition;
  /** The MIM it belongs to, by its 2022 number (the newer MIMs on topics map onto those). */
  readonly mim: MimId;
  /** The text it is part of: "Interlinking data", "MIM7 Places (2022)". */
  readonly document: string;
  /** Its number or clause in that text ("R1.1", "C2", "Part 1 R2", "Specifications"); absent when it has none. */
  readonly id?: string;
  /** What it asks for, in our words. */
  readonly summary: string;
  /** The public page of that text. */
  readonly url: string;
}

const CATALOG = {
  // The 2022 edition: MIM1 to MIM7 as published by OASC in 2022 (and the MIMs Plus technical specifications).
  '2022 MIM1 NGSI-LD': {
    edition: '2022',
    mim: 'MIM1',
    document: 'MIM1 Context (2022)',
    id: 'Specifications: ETSI NGSI-LD',
    summary: 'Context information is exchanged through the ETSI NGSI-LD API (GS CIM 009): entities, attributes, subscriptions and registrations take the forms that specification gives them.',
    url: PAGE_2022.MIM1,
  },
  '2022 MIM1 Query': {
    edition: '2022',
    mim: 'MIM1',
    document: 'MIM1 Context (2022)',
    id: 'Capabilities: discovery and query',
    summary: 'Applications find and query the information they need, current or historical, by attributes, by place and by time.',
    url: PAGE_2022.MIM1,
  },
  '2022 MIM1 Subscription': {
    edition: '2022',
    mim: 'MIM1',
    document: 'MIM1 Context (2022)',
    id: 'Capabilities: subscription',
    summary: 'Applications subscribe to changes and are notified, so that they always hold the latest state.',
    url: PAGE_2022.MIM1,
  },
  '2022 MIM1 Shared concepts': {
    edition: '2022',
    mim: 'MIM1',
    document: 'MIM1 Context (2022)',
    id: 'Capabilities: agreed concepts',
    summary: 'Information is shared on concepts everyone agrees on: the names in a payload are defined by its @context and the data models behind it.',
    url: PAGE_2022.MIM1,
  },
  '2022 MIM2 Shared models': {
    edition: '2022',
    mim: 'MIM2',
    document: 'MIM2 Data Models (2022)',
    id: 'Specifications: NGSI-LD compatible models',
    summary: 'Entities follow shared data models compatible with NGSI-LD, such as the Smart Data Models; other vocabularies (SAREF, ISA core vocabularies, DTDL) are mapped onto them.',
    url: PAGE_2022.MIM2,
  },
  '2022 MIM2 Clear definitions': {
    edition: '2022',
    mim: 'MIM2',
    document: 'MIM2 Data Models (2022)',
    id: 'Capabilities: clear, harmonised definitions',
    summary: 'A data model is defined clearly and completely enough that others can request what they need and transform it between standards.',
    url: PAGE_2022.MIM2,
  },
  '2022 MIM3': {
    edition: '2022',
    mim: 'MIM3',
    document: 'MIM3 Contracts (2022)',
    id: 'Capabilities',
    summary: 'Data and services are offered, ordered, licensed and accounted for through standard marketplace interfaces and machine-readable terms.',
    url: PAGE_2022.MIM3,
  },
  '2022 MIM4': {
    edition: '2022',
    mim: 'MIM4',
    document: 'MIM4 Trust (2022)',
    id: 'Capabilities',
    summary: 'People decide which of their personal data is shared and with whom; consent is given and withdrawn, and permissions are written in a standard way.',
    url: PAGE_2022.MIM4,
  },
  '2022 MIM5 Procedural transparency': {
    edition: '2022',
    mim: 'MIM5',
    document: 'MIM5 Transparency (2022)',
    id: 'Procedural transparency',
    summary: 'How an algorithmic system came about is disclosed: the choices made, who took part, the risks and how they are reduced.',
    url: PAGE_2022.MIM5,
  },
  '2022 MIM5 Technical transparency': {
    edition: '2022',
    mim: 'MIM5',
    document: 'MIM5 Transparency (2022)',
    id: 'Technical transparency',
    summary: 'The buyer can see how the system works: its model, its goals and how it takes part in decisions, with what it learnt in an open structure.',
    url: PAGE_2022.MIM5,
  },
  '2022 MIM5 Explainability': {
    edition: '2022',
    mim: 'MIM5',
    document: 'MIM5 Transparency (2022)',
    id: 'Technical explainability',
    summary: 'An individual outcome of the system can be explained, to the people entitled to the explanation.',
    url: PAGE_2022.MIM5,
  },
  '2022 MIM5 Fairness': {
    edition: '2022',
    mim: 'MIM5',
    document: 'MIM5 Transparency (2022)',
    id: 'Fairness',
    summary: 'The system does not put social groups at a systematic disadvantage.',
    url: PAGE_2022.MIM5,
  },
  '2022 MIM5 Context': {
    edition: '2022',
    mim: 'MIM5',
    document: 'MIM5 Transparency (2022)',
    id: 'Context',
    summary: 'Fairness is judged against the situation and the goals the system serves.',
    url: PAGE_2022.MIM5,
  },
  '2022 MIM5 Accountability': {
    edition: '2022',
    mim: 'MIM5',
    document: 'MIM5 Transparency (2022)',
    id: 'Accountability',
    summary: 'Someone answers for the system: it respects the law and digital rights and stays open to independent review.',
    url: PAGE_2022.MIM5,
  },
  '2022 MIM6': {
    edition: '2022',
    mim: 'MIM6',
    document: 'MIM6 Security (2022)',
    summary: 'A work item without numbered requirements: a way to find cyber-security risks and choose measures against them, on the baselines ISO/IEC 27005, NIST SP 800-53 and the GDPR.',
    url: PAGE_2022.MIM6,
  },
  '2022 MIM7 Unique identifiers': {
    edition: '2022',
    mim: 'MIM7',
    document: 'MIM7 Places (2022)',
    id: 'Part 1 R2: unique identifiers',
    summary: 'Every feature carries an identifier of its own that stays the same (INSPIRE and W3C practice for identifiers).',
    url: PAGE_2022.MIM7,
  },
  '2022 MIM7 Encoding': {
    edition: '2022',
    mim: 'MIM7',
    document: 'MIM7 Places (2022)',
    id: 'Specifications: data encoding',
    summary: 'Places are written in open geospatial encodings such as GeoJSON, GML, GeoPackage or CityJSON, and read the same way by every tool.',
    url: PAGE_2022.MIM7,
  },

  // The capability-and-requirement format: the MIMs redrafted by topic.
  'Accessing R1.1': {
    edition: 'new-format',
    mim: 'MIM1',
    document: 'Accessing data',
    id: 'R1.1',
    summary: 'Data can be retrieved in at least one machine-readable format.',
    url: ACCESSING,
  },
  'Accessing R1.2': {
    edition: 'new-format',
    mim: 'MIM1',
    document: 'Accessing data',
    id: 'R1.2',
    summary: 'Data can be retrieved through at least one standard web mechanism.',
    url: ACCESSING,
  },
  'Accessing R1.3': {
    edition: 'new-format',
    mim: 'MIM1',
    document: 'Accessing data',
    id: 'R1.3',
    summary: 'The way data is accessed is described formally (for example in OpenAPI).',
    url: ACCESSING,
  },
  'Accessing R1.4': {
    edition: 'new-format',
    mim: 'MIM1',
    document: 'Accessing data',
    id: 'R1.4',
    summary: 'A payload says which data model it follows (see Representing data).',
    url: ACCESSING,
  },
  'Accessing R2.1': {
    edition: 'new-format',
    mim: 'MIM1',
    document: 'Accessing data',
    id: 'R2.1',
    summary: 'Data comes through a structured interface that behaves consistently.',
    url: ACCESSING,
  },
  'Accessing R2.2': {
    edition: 'new-format',
    mim: 'MIM1',
    document: 'Accessing data',
    id: 'R2.2',
    summary: 'Consumers can query and filter, for example by time, by place or by attribute.',
    url: ACCESSING,
  },
  'Accessing R3.1': {
    edition: 'new-format',
    mim: 'MIM1',
    document: 'Accessing data',
    id: 'R3.1',
    summary: 'Where notifications are needed, there is a way to subscribe to changes instead of polling.',
    url: ACCESSING,
  },
  'Accessing C4': {
    edition: 'new-format',
    mim: 'MIM1',
    document: 'Accessing data',
    id: 'C4',
    summary: 'Access can be restricted by who asks, by role and by policy; the details are left to the Security and Contracts MIMs.',
    url: ACCESSING,
  },
  'Interlinking R1.1': {
    edition: 'new-format',
    mim: 'MIM1',
    document: 'Interlinking data',
    id: 'R1.1',
    summary: 'Every entity has an identifier that is unique.',
    url: INTERLINKING,
  },
  'Interlinking R1.2': {
    edition: 'new-format',
    mim: 'MIM1',
    document: 'Interlinking data',
    id: 'R1.2',
    summary: 'Looking an identifier up in a system gives the information about that entity.',
    url: INTERLINKING,
  },
  'Interlinking R1.4': {
    edition: 'new-format',
    mim: 'MIM1',
    document: 'Interlinking data',
    id: 'R1.4',
    summary: 'Several identifiers of the same entity can be mapped onto each other.',
    url: INTERLINKING,
  },
  'Interlinking R1.5': {
    edition: 'new-format',
    mim: 'MIM1',
    document: 'Interlinking data',
    id: 'R1.5',
    summary: 'Identifiers can be made that stay the same over time.',
    url: INTERLINKING,
  },
  'Interlinking C2': {
    edition: 'new-format',
    mim: 'MIM1',
    document: 'Interlinking data',
    id: 'C2',
    summary: 'Entities are typed: the meaning of what is said about an entity can be retrieved, in a machine-readable form.',
    url: INTERLINKING,
  },
  'Interlinking C3': {
    edition: 'new-format',
    mim: 'MIM1',
    document: 'Interlinking data',
    id: 'C3',
    summary: 'A relation from one entity to another can be followed to its target.',
    url: INTERLINKING,
  },
  'Representing R1.1': {
    edition: 'new-format',
    mim: 'MIM2',
    document: 'Representing data',
    id: 'R1.1',
    summary: 'The data models in use are explicit, documented and unambiguous, with their units and formats stated, and catalogued so they can be found.',
    url: REPRESENTING,
  },
  'Representing R1.2a': {
    edition: 'new-format',
    mim: 'MIM2',
    document: 'Representing data',
    id: 'R1.2a',
    summary: 'Data models build on commonly recognised standard models wherever possible.',
    url: REPRESENTING,
  },
  'Representing R1.2b': {
    edition: 'new-format',
    mim: 'MIM2',
    document: 'Representing data',
    id: 'R1.2b',
    summary: 'Where no standard model fits, the closest one is extended (or a new one defined) following the conventions of the community behind it.',
    url: REPRESENTING,
  },
  'Representing R2.1': {
    edition: 'new-format',
    mim: 'MIM2',
    document: 'Representing data',
    id: 'R2.1',
    summary: 'A data ecosystem has one common model per key entity that the other models can be transformed into.',
    url: REPRESENTING,
  },
  'Representing R3.1': {
    edition: 'new-format',
    mim: 'MIM2',
    document: 'Representing data',
    id: 'R3.1',
    summary: 'Each data model has at least one machine-readable serialisation in an open, implementation-independent format.',
    url: REPRESENTING,
  },
  'Representing R3.2': {
    edition: 'new-format',
    mim: 'MIM2',
    document: 'Representing data',
    id: 'R3.2',
    summary: 'The format is documented well enough for anyone to write a reader that recovers all the data.',
    url: REPRESENTING,
  },
  'Representing R3.3': {
    edition: 'new-format',
    mim: 'MIM2',
    document: 'Representing data',
    id: 'R3.3',
    summary: 'Where a model has several formats (normalized and simplified, say), they carry the same information without loss.',
    url: REPRESENTING,
  },
  'Representing R3.4': {
    edition: 'new-format',
    mim: 'MIM2',
    document: 'Representing data',
    id: 'R3.4',
    summary: 'Data can be validated against openly published schemas or equivalent machine-readable constraints.',
    url: REPRESENTING,
  },
  'Representing R4.1': {
    edition: 'new-format',
    mim: 'MIM2',
    document: 'Representing data',
    id: 'R4.1',
    summary: 'Application profiles are kept apart from the base model they constrain.',
    url: REPRESENTING,
  },
  'Representing R4.2': {
    edition: 'new-format',
    mim: 'MIM2',
    document: 'Representing data',
    id: 'R4.2',
    summary: 'An application profile narrows the base model and never changes what the base model says.',
    url: REPRESENTING,
  },
  'Geospatial R1.1': {
    edition: 'new-format',
    mim: 'MIM7',
    document: 'Geospatial data',
    id: 'R1.1',
    summary: 'Geospatial data is offered through a standards-based web service.',
    url: GEOSPATIAL,
  },
  'Geospatial R2.1': {
    edition: 'new-format',
    mim: 'MIM7',
    document: 'Geospatial data',
    id: 'R2.1',
    summary: 'Geospatial data is encoded in open standards (OGC, buildingSMART), such as GeoJSON.',
    url: GEOSPATIAL,
  },
  'Geospatial R3.1': {
    edition: 'new-format',
    mim: 'MIM7',
    document: 'Geospatial data',
    id: 'R3.1',
    summary: 'The data that gives places their context meets the Context and Data Models MIMs.',
    url: GEOSPATIAL,
  },
  'Geospatial R4.1': {
    edition: 'new-format',
    mim: 'MIM7',
    document: 'Geospatial data',
    id: 'R4.1',
    summary: 'Each instance of a feature or entity has a unique identifier that lasts.',
    url: GEOSPATIAL,
  },
  'Geospatial R5.1': {
    edition: 'new-format',
    mim: 'MIM7',
    document: 'Geospatial data',
    id: 'R5.1',
    summary: 'Coordinates use a standard reference system, and which one (EPSG:4326 for GeoJSON) is known.',
    url: GEOSPATIAL,
  },
  'Personal data': {
    edition: 'new-format',
    mim: 'MIM4',
    document: 'Personal data',
    summary: 'People control the sharing of their personal data through consent; redrafted in the new format, without numbered requirements an editor can check.',
    url: PERSONAL,
  },
  'MIM3 (not redrafted)': {
    edition: 'new-format',
    mim: 'MIM3',
    document: 'MIM3 Contracts',
    summary: 'Not redrafted in the capability-and-requirement format yet: the 2022 text stands.',
    url: PAGE_2022.MIM3,
  },
  'MIM5 (not redrafted)': {
    edition: 'new-format',
    mim: 'MIM5',
    document: 'MIM5 Transparency',
    summary: 'Not redrafted in the capability-and-requirement format yet: the 2022 text stands.',
    url: PAGE_2022.MIM5,
  },
  'MIM6 (not redrafted)': {
    edition: 'new-format',
    mim: 'MIM6',
    document: 'MIM6 Security',
    summary: 'Not redrafted in the capability-and-requirement format yet: still a work item without numbered requirements (Accessing data C4 refers to it for access control).',
    url: PAGE_2022.MIM6,
  },
} as const satisfies Record<string, RequirementSpec>;

/** A requirement (or, where a MIM has none that fits, the MIM itself), by its key in the catalog. */
export type RequirementKey = keyof typeof CATALOG;

/** The keys of one edition. */
export type RequirementKeyOf<E extends Edition> = { [K in RequirementKey]: (typeof CATALOG)[K]['edition'] extends E ? K : never }[RequirementKey];

export interface MimRequirement extends RequirementSpec {
  key: RequirementKey;
}

export const REQUIREMENTS: Readonly<Record<RequirementKey, MimRequirement>> = Object.fromEntries(
  Object.entries(CATALOG).map(([key, spec]) => [key, { key, ...spec }]),
) as Record<RequirementKey, MimRequirement>;

export const REQUIREMENT_KEYS = Object.keys(CATALOG) as RequirementKey[];

type NonEmpty<T> = readonly [T, ...T[]];

/**
 * What a rule serves, in both editions. Where a MIM has no numbered requirement that fits, the entry names
 * the MIM itself (its summary says so).
 */
export interface RuleRequirements {
  readonly '2022': NonEmpty<RequirementKeyOf<'2022'>>;
  readonly 'new-format': NonEmpty<RequirementKeyOf<'new-format'>>;
}

/** "Interlinking data R1.1", "MIM7 Places (2022) Part 1 R2: unique identifiers", "MIM6 Security (2022)". */
export function requirementLabel(requirement: MimRequirement): string {
  if (!requirement.id) return requirement.document;
  return /^[RC]\d/.test(requirement.id) ? `${requirement.document} ${requirement.id}` : `${requirement.document}, ${requirement.id}`;
}

/** True when the entry is a numbered requirement (or clause), not the MIM as a whole. */
export function isNumbered(requirement: MimRequirement): boolean {
  return requirement.id !== undefined;
}
