import { PAYLOAD_KINDS, type PayloadKind } from './detect';
import { SEVERITIES, type Severity } from './problem';
import { isRuleCode } from './rules';

export type RuleSetting = Severity | 'off';

/** The engine's view of the `mim.*` settings of one resource. */
export interface Settings {
  /** `mim.enable`: check files at all. */
  enable: boolean;
  /** `mim.rules`: per rule code, a severity or "off". */
  rules: Readonly<Record<string, RuleSetting>>;
  /** `mim.payloadKinds`: glob pattern to payload kind, overriding detection. */
  payloadKinds: Readonly<Record<string, PayloadKind>>;
  /** `mim.sdm.root`: a local checkout of Smart Data Models repositories. */
  sdmRoot: string | undefined;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  rules: {},
  payloadKinds: {},
  sdmRoot: undefined,
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
  return {
    enable: input.enable !== false,
    rules,
    payloadKinds,
    sdmRoot: typeof sdm.root === 'string' && sdm.root.trim() !== '' ? sdm.root : undefined,
  };
}
