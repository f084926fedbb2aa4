/**
 * The ODRL 2.2 vocabulary the policy checks, completion and hover need (W3C ODRL Information Model 2.2 and
 * ODRL Vocabulary & Expression 2.2), with a line on each term in our words.
 */

export const ODRL_NAMESPACE = 'http://www.w3.org/ns/odrl/2/';
export const ODRL_CONTEXT_URLS = ['http://www.w3.org/ns/odrl.jsonld', 'https://www.w3.org/ns/odrl.jsonld'];

/** The policy classes a file is recognised by. */
export const CORE_POLICY_CLASSES = ['Policy', 'Set', 'Offer', 'Agreement'] as const;

export const POLICY_CLASSES: Readonly<Record<string, string>> = {
  Policy: 'A policy in general; ODRL reads a policy of no more specific class as a Set.',
  Set: 'A set of rules with no particular parties in mind: the default kind of policy.',
  Offer: 'Rules a party (the assigner) proposes to others; it names the assigner.',
  Agreement: 'Rules that an assigner and an assignee have agreed on; it names both.',
  Assertion: 'A party\'s statement of the rules it holds, without binding force.',
  Privacy: 'Rules on the use of personal data, stated to the person the data is about.',
  Request: 'Rules a party asks to be granted.',
  Ticket: 'Rules held by whoever has the ticket, without a named assignee.',
};

/** ODRL 2.2 actions (core and common vocabulary). */
export const ACTIONS: Readonly<Record<string, string>> = {
  use: 'Use the asset in any way (the most general action; every other one is included in use or transfer).',
  transfer: 'Transfer the ownership of the asset to a third party.',
  acceptTracking: 'Accept that the use of the asset is tracked (a duty).',
  aggregate: 'Put the asset, or parts of it, together with other assets.',
  annotate: 'Add explanatory notes or comments to the asset.',
  anonymize: 'Remove whatever identifies people in the asset (relevant for personal data).',
  archive: 'Store the asset for the long term.',
  attribute: 'Credit the asset\'s author or owner (a duty).',
  compensate: 'Pay or otherwise compensate the assigner (a duty).',
  concurrentUse: 'Create copies of the asset that are used at the same time.',
  delete: 'Permanently remove every copy of the asset.',
  derive: 'Create a new asset from this one.',
  digitize: 'Turn the asset into digital form.',
  display: 'Show the asset to a viewer.',
  distribute: 'Supply the asset to third parties.',
  ensureExclusivity: 'Make sure that no one else is granted the permission (a duty).',
  execute: 'Run the asset, a computer program.',
  extract: 'Take a part of the asset out of it.',
  give: 'Transfer the asset to a third party without compensation.',
  grantUse: 'Grant a third party the use of the asset.',
  include: 'Include other assets in this one.',
  index: 'Record the asset in an index.',
  inform: 'Inform a party (a duty).',
  install: 'Load the asset, a computer program, onto a device.',
  modify: 'Change the asset in place, without creating a new one.',
  move: 'Move the asset from one place to another.',
  nextPolicy: 'Grant the use of the asset to third parties only under a named policy (a duty).',
  obtainConsent: 'Obtain the consent of a party before acting (a duty; for personal data, the data subject).',
  play: 'Render the asset as audio or video.',
  present: 'Perform the asset in public.',
  print: 'Render the asset on paper.',
  read: 'Obtain data from the asset.',
  reproduce: 'Make exact copies of the asset.',
  reviewPolicy: 'Have a party review the policy (a duty).',
  sell: 'Transfer the asset to a third party for compensation.',
  stream: 'Deliver the asset in real time.',
  synchronize: 'Use the asset in timed relation with other media.',
  textToSpeech: 'Have a text asset read aloud.',
  transform: 'Turn the asset into another format.',
  translate: 'Translate the asset into another natural language.',
  uninstall: 'Remove the asset, a computer program, from a device.',
  watermark: 'Apply a watermark to the asset.',
};

/** Actions ODRL 2.2 deprecates, with the term that replaces each, where there is one. */
export const DEPRECATED_ACTIONS: Readonly<Record<string, string | undefined>> = {
  adHocShare: undefined,
  append: 'modify',
  appendTo: 'modify',
  attachPolicy: 'cc:Notice',
  attachSource: 'cc:SourceCode',
  commercialize: 'cc:CommercialUse',
  copy: 'reproduce',
  export: 'transform',
  extractChar: 'extract',
  extractPage: 'extract',
  extractWord: 'extract',
  lease: undefined,
  lend: undefined,
  license: 'grantUse',
  pay: 'compensate',
  preview: undefined,
  secondaryUse: undefined,
  share: 'cc:Sharing',
  shareAlike: 'cc:ShareAlike',
  timedCount: undefined,
  write: 'modify',
  writeTo: 'modify',
};

/** The operators of constraints. */
export const OPERATORS: Readonly<Record<string, string>> = {
  eq: 'equal to',
  neq: 'not equal to',
  gt: 'greater than',
  gteq: 'greater than or equal to',
  lt: 'less than',
  lteq: 'less than or equal to',
  isA: 'is an instance of the class on the right',
  hasPart: 'contains the value on the right',
  isPartOf: 'is contained in the value on the right',
  isAllOf: 'is every one of the values on the right',
  isAnyOf: 'is one of the values on the right',
  isNoneOf: 'is none of the values on the right',
};

/** Operators written as symbols or words, and the ODRL operator meant. */
export const OPERATOR_ALIASES: Readonly<Record<string, string>> = {
  '=': 'eq', '==': 'eq', '===': 'eq', equals: 'eq', equal: 'eq', '!=': 'neq', '<>': 'neq', ne: 'neq', notEqual: 'neq',
  '>': 'gt', '>=': 'gteq', ge: 'gteq', gte: 'gteq', '<': 'lt', '<=': 'lteq', le: 'lteq', lte: 'lteq', in: 'isAnyOf', anyOf: 'isAnyOf', noneOf: 'isNoneOf', allOf: 'isAllOf',
};

/** The operands of logical constraints, each over a list of constraints. */
export const LOGICAL_OPERANDS: Readonly<Record<string, string>> = {
  and: 'every constraint of the list holds',
  or: 'at least one constraint of the list holds',
  xone: 'exactly one constraint of the list holds',
  andSequence: 'every constraint holds, checked in the order of the list',
};

/** ODRL 2.2 left operands. */
export const LEFT_OPERANDS: Readonly<Record<string, string>> = {
  absolutePosition: 'The absolute position of the asset (in space or time).',
  absoluteSize: 'The absolute size of the asset.',
  absoluteSpatialPosition: 'The absolute spatial position of the asset.',
  absoluteTemporalPosition: 'The absolute position of the asset in time.',
  count: 'How many times the action is exercised.',
  dateTime: 'The date and time the action is exercised.',
  delayPeriod: 'How long to wait before the action may be exercised.',
  deliveryChannel: 'The channel the asset is delivered through.',
  elapsedTime: 'How long the action is exercised, in total.',
  event: 'An event, such as a conference, the action relates to.',
  fileFormat: 'The file format of the asset.',
  industry: 'The industry sector the action is exercised in.',
  language: 'The natural language of the asset.',
  media: 'The media the asset is used in.',
  meteredTime: 'The accumulated time the action is exercised.',
  payAmount: 'The amount to pay (a duty\'s refinement).',
  percentage: 'The share of the asset, in percent.',
  product: 'The product the asset is used in.',
  purpose: 'The purpose of the action (for personal data, a W3C DPV purpose).',
  recipient: 'The party receiving the result of the action.',
  relativePosition: 'The position of the asset relative to a whole.',
  relativeSize: 'The size of the asset relative to a whole.',
  relativeSpatialPosition: 'The spatial position of the asset relative to a whole.',
  relativeTemporalPosition: 'The position in time relative to a whole.',
  resolution: 'The resolution of the asset.',
  spatial: 'A geographic area the action is exercised in.',
  spatialCoordinates: 'Geographic coordinates of where the action is exercised.',
  systemDevice: 'The system or device the action is exercised on.',
  timeInterval: 'The recurring period in which the action is exercised.',
  unitOfCount: 'The unit a count is measured in.',
  version: 'The version of the asset.',
  virtualLocation: 'A virtual place, such as a web site, the action is exercised in.',
};

/** The NGSI-LD left operand of FIWARE's ODRL-PAP: the entity type a request concerns. */
export const NGSI_LD_ENTITY_TYPE_OPERANDS = ['ngsi-ld:entityType', 'https://uri.etsi.org/ngsi-ld/entityType'];

export const CONFLICT_VALUES: Readonly<Record<string, string>> = {
  perm: 'where a permission and a prohibition conflict, the permission wins',
  prohibit: 'where a permission and a prohibition conflict, the prohibition wins',
  invalid: 'a conflict between a permission and a prohibition voids the whole policy (the default)',
};

/** ODRL properties (member names), with what each holds. */
export const PROPERTIES: Readonly<Record<string, string>> = {
  uid: 'The identifier of the policy, rule, asset, party or constraint: an IRI (the ODRL context maps it to @id).',
  profile: 'The ODRL profile(s) the policy uses: IRIs of vocabularies that extend ODRL.',
  inheritFrom: 'The uid of a parent policy whose rules this one inherits.',
  conflict: 'How a conflict between a permission and a prohibition is resolved: perm, prohibit or invalid.',
  permission: 'Actions a party may perform on the asset, maybe under constraints and duties.',
  prohibition: 'Actions a party must not perform on the asset.',
  obligation: 'Duties that hold under the policy by themselves, not as the condition of a permission.',
  duty: 'A duty that must be fulfilled for a permission to be exercised.',
  remedy: 'A duty that must be fulfilled when a prohibition has been broken.',
  consequence: 'A duty that must be fulfilled when a duty has not been.',
  action: 'What may, must not, or must be done: an ODRL action, or an action of a profile.',
  target: 'The asset (or asset collection) the rule is about.',
  assigner: 'The party that issues the rule.',
  assignee: 'The party the rule applies to.',
  constraint: 'Conditions the rule holds under: leftOperand, operator and rightOperand, or a logical constraint.',
  refinement: 'Constraints that narrow an action, an asset collection or a party collection.',
  leftOperand: 'What the constraint is about, such as dateTime, purpose or, in FIWARE\'s ODRL-PAP, ngsi-ld:entityType.',
  operator: 'How the left operand is compared with the right one: eq, neq, gt, gteq, lt, lteq, isA, hasPart, isPartOf, isAllOf, isAnyOf, isNoneOf.',
  rightOperand: 'The value the left operand is compared with.',
  rightOperandReference: 'An IRI where the value to compare with is found, instead of rightOperand.',
  unit: 'The unit of the right operand.',
  dataType: 'The data type of the right operand.',
  status: 'The value of the left operand at the time the policy is evaluated.',
  and: 'A logical constraint: every constraint of the list holds.',
  or: 'A logical constraint: at least one constraint of the list holds.',
  xone: 'A logical constraint: exactly one constraint of the list holds.',
  andSequence: 'A logical constraint: every constraint holds, checked in order.',
  source: 'The asset or party collection a refined collection is taken from.',
  partOf: 'The collection an asset or party belongs to.',
  relation: 'How an asset relates to the rule (target is the usual one).',
  function: 'The role a party plays in the rule (assigner and assignee are the usual ones).',
  failure: 'What follows when the rule is not fulfilled.',
  output: 'The asset an action creates.',
  hasPolicy: 'A policy that applies to an asset (used in catalogues).',
  attributedParty: 'The party to be credited.',
  attributingParty: 'The party that credits.',
  compensatedParty: 'The party to be compensated.',
  compensatingParty: 'The party that compensates.',
  consentedParty: 'The party whose consent is obtained.',
  consentingParty: 'The party that gives consent.',
  contractedParty: 'The party that is contracted.',
  contractingParty: 'The party that contracts.',
  informedParty: 'The party to be informed.',
  informingParty: 'The party that informs.',
  trackedParty: 'The party whose use is tracked.',
  trackingParty: 'The party that tracks.',
  includedIn: 'The broader action this action is a kind of.',
  implies: 'Another action this action implies.',
  operand: 'The operand of a logical constraint.',
  undefined: 'How actions outside a profile are treated (ODRL 2.1, deprecated).',
  inheritAllowed: 'Whether other policies may inherit from this one (ODRL 2.1, deprecated).',
  inheritRelation: 'How a policy inherits (ODRL 2.1, deprecated).',
  proximity: 'How near something is (deprecated).',
  scope: 'The scope of an asset or party (deprecated).',
  timedCount: 'A number of uses in a time (deprecated).',
  payeeParty: 'The party to be paid (deprecated).',
};

/** The rule kinds: where they sit and which duties they hold. */
export const RULE_PROPERTIES = ['permission', 'prohibition', 'obligation'] as const;
export type RuleKind = 'permission' | 'prohibition' | 'obligation' | 'duty' | 'remedy' | 'consequence';
