import { PAYLOAD_KINDS, type PayloadKind } from './detect';
import { SEVERITIES, type Severity } from './problem';
import { isRuleCode } from './rules';
import { DEFAULT_ALLOWED_HOSTS } from './sdm/sources';

export type RuleSetting = Severity | 'off';

/** The engine's view of the `mim.*` settings of one resource. */
export interface Settings {
  /** `mim.enable`: check files at all. */
  enable: boolean;
  /** `mim.maxFileSize`: files larger than this many megabytes are not parsed (json/too-large). */
  maxFileSize: number;
  /** `mim.rules`: per rule code, a severity or "off". */
  rules: Readonly<Record<string, RuleSetting>>;
  /** `mim.payloadKinds`: glob pattern to payload kind, overriding detection. */
  payloadKinds: Readonly<Record<string, PayloadKind>>;
  /** `mim.sdm.root`: a local checkout of Smart Data Models repositories. */
  sdmRoot: string | undefined;
  /** `mim.download.enable`: data models and @contexts may be downloaded (trusted workspaces only). */
  download: boolean;
  /** `mim.download.allowedHosts`: the hosts downloads may come from. */
  downloadHosts: readonly string[];
  /** `mim.contexts.map`: @context URL to a local file. */
  contextMap: Readonly<Record<string, string>>;
  /** `mim.sdm.baseUrl`: where the published Smart Data Models site is. */
  sdmBaseUrl: string;
  /** `mim.dataModels.folders`: more folders holding data models (a folder with schema.json per model). */
  dataModelFolders: readonly string[];
  /** `mim.dataModels.schemas`: single schema files or URLs. */
  dataModelSchemas: readonly string[];
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  maxFileSize: 10,
  rules: {},
  payloadKinds: {},
  sdmRoot: undefined,
  download: false,
  downloadHosts: DEFAULT_ALLOWED_HOSTS,
  contextMap: {},
  sdmBaseUrl: 'https://smart-data-models.github.io/',
  dataModelFolders: [],
  dataModelSchemas: [],
};

export interface SettingsIssue {
  setting: string;
  message: string;
}

/**
 * Reads untrusted settings (from a client or a file) into `Settings`, collecting what is wrong instead
 * of throwing, so a bad setting never stops checking.
 */
export function normalizeSettings(raw: unknown, issues: SettingsIssue[] = []): Settings {
  const input = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const rules: Record<string, RuleSetting> = {};
  const rawRules = input.rules;
  if (typeof rawRules === 'object' && rawRules !== null && !Array.isArray(rawRules)) {
    for (const [code, value] of Object.entries(rawRules)) {
      if (!isRuleCode(code)) {
        issues.push({ setting: `mim.rules.${code}`, message: `"${code}" is not a rule code; see docs/rules.md for the list.` });
        continue;
      }
      if (value === 'off' || (typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value))) {
        rules[code] = value as RuleSetting;
      } else {
        issues.push({ setting: `mim.rules.${code}`, message: `"${String(value)}" is not one of error, warning, information, hint, off.` });
      }
    }
  }
  const payloadKinds: Record<string, PayloadKind> = {};
  const rawKinds = input.payloadKinds;
  if (typeof rawKinds === 'object' && rawKinds !== null && !Array.isArray(rawKinds)) {
    for (const [glob, kind] of Object.entries(rawKinds)) {
      if (typeof kind === 'string' && (PAYLOAD_KINDS as readonly string[]).includes(kind)) payloadKinds[glob] = kind as PayloadKind;
      else issues.push({ setting: `mim.payloadKinds`, message: `"${String(kind)}" for "${glob}" is not a payload kind (${PAYLOAD_KINDS.join(', ')}).` });
    }
  }
  const sdm = typeof input.sdm === 'object' && input.sdm !== null ? (input.sdm as Record<string, unknown>) : {};
  const download = typeof input.download === 'object' && input.download !== null ? (input.download as Record<string, unknown>) : {};
  const contexts = typeof input.contexts === 'object' && input.contexts !== null ? (input.contexts as Record<string, unknown>) : {};
  const dataModels = typeof input.dataModels === 'object' && input.dataModels !== null ? (input.dataModels as Record<string, unknown>) : {};
  const baseUrl = typeof sdm.baseUrl === 'string' && /^https?:\/\/[^/]/.test(sdm.baseUrl) ? sdm.baseUrl.replace(/\/?$/, '/') : DEFAULT_SETTINGS.sdmBaseUrl;
  if (typeof sdm.baseUrl === 'string' && sdm.baseUrl !== '' && baseUrl !== sdm.baseUrl.replace(/\/?$/, '/')) {
    issues.push({ setting: 'mim.sdm.baseUrl', message: `"${sdm.baseUrl}" is not an http(s) URL; the published site is used.` });
  }
  let maxFileSize = DEFAULT_SETTINGS.maxFileSize;
  if (input.maxFileSize !== undefined) {
    if (typeof input.maxFileSize === 'number' && input.maxFileSize > 0 && Number.isFinite(input.maxFileSize)) maxFileSize = input.maxFileSize;
    else issues.push({ setting: 'mim.maxFileSize', message: `"${String(input.maxFileSize)}" is not a positive number of megabytes; ${DEFAULT_SETTINGS.maxFileSize} is used.` });
  }
  return {
    enable: input.enable !== false,
    maxFileSize,
    rules,
    payloadKinds,
    sdmRoot: typeof sdm.root === 'string' && sdm.root.trim() !== '' ? sdm.root : undefined,
    download: download.enable === true,
    downloadHosts: Array.isArray(download.allowedHosts) ? stringList(download.allowedHosts, 'mim.download.allowedHosts', issues) : DEFAULT_ALLOWED_HOSTS,
    contextMap: stringMap(contexts.map, 'mim.contexts.map', issues),
    sdmBaseUrl: baseUrl,
    dataModelFolders: stringList(dataModels.folders, 'mim.dataModels.folders', issues),
    dataModelSchemas: stringList(dataModels.schemas, 'mim.dataModels.schemas', issues),
  };
}

function stringMap(value: unknown, setting: string, issues: SettingsIssue[]): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issues.push({ setting, message: 'it must be an object from URL to path.' });
    return {};
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string' && v.trim() !== '') out[k] = v;
  return out;
}

function stringList(value: unknown, setting: string, issues: SettingsIssue[]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    issues.push({ setting, message: 'it must be a list of paths.' });
    return [];
  }
  return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}
