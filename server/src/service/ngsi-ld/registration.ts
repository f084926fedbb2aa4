/** Context source registrations (GS CIM 009 clauses 5.2.9 to 5.2.11): NGSI-CSR-001 to -005. */
import type { CheckContext } from '../context';
import { hasOwn, isObject, type JsonObject, type JsonPath } from '../json/values';
import { checkDataType } from './members';
import { checkExpiry, checkSelectors } from './request-rules';
import { checkRegistrationSecurity } from './security';

/** `declared`: the settings say the file is a registration, so it is a create, not an update. */
export function checkRegistration(ctx: CheckContext, registration: JsonObject, path: JsonPath, declared = false): void {
  const partial = !declared && !hasOwn(registration, 'information') && !hasOwn(registration, 'endpoint');
  if (!checkDataType(ctx, registration, path, 'ContextSourceRegistration', { partial })) return;
  checkExpiry(ctx, registration.expiresAt, [...path, 'expiresAt'], 'registration');
  for (const key of ['observationInterval', 'managementInterval']) checkInterval(ctx, registration[key], [...path, key]);
  const information = Array.isArray(registration.information) ? registration.information : [];
  information.forEach((info, i) => {
    if (!isObject(info)) return;
    const at = [...path, 'information', i];
    if (!hasOwn(info, 'entities') && !hasOwn(info, 'propertyNames') && !hasOwn(info, 'relationshipNames')) {
      ctx.report({
        code: 'ngsi-ld/required-member',
        path: at,
        message: 'Each RegistrationInfo says what the context source provides: "entities", "propertyNames" or "relationshipNames" (at least one).',
      });
    }
    checkSelectors(ctx, info.entities, [...at, 'entities']);
  });
  if (registration.mode === 'exclusive') checkExclusiveMode(ctx, information, path);
  checkRegistrationSecurity(ctx, registration, path);
}

/**
 * An exclusive registration names the entities (by id, or by id pattern as the ETSI suite does) and the
 * attributes it holds (clause 4.3.6.2): it is the only source of those attributes for those entities.
 */
function checkExclusiveMode(ctx: CheckContext, information: unknown[], path: JsonPath): void {
  information.forEach((info, i) => {
    if (!isObject(info)) return;
    const entities = Array.isArray(info.entities) ? info.entities : [];
    const typeOnly = entities.some((e) => !isObject(e) || (typeof e.id !== 'string' && typeof e.idPattern !== 'string'));
    const hasNames = Array.isArray(info.propertyNames) || Array.isArray(info.relationshipNames);
    if (entities.length === 0 || typeOnly || !hasNames) {
      ctx.report({
        code: 'ngsi-ld/registration-mode',
        path: [...path, 'information', i],
        message:
          'An exclusive registration names its entities by "id" (or "idPattern") and the attributes it holds ("propertyNames" or "relationshipNames"): it becomes the only source of those attributes, so it cannot claim a whole type.',
      });
    }
  });
}

function checkInterval(ctx: CheckContext, interval: unknown, path: JsonPath): void {
  if (!isObject(interval) || typeof interval.startAt !== 'string' || typeof interval.endAt !== 'string') return;
  const start = Date.parse(interval.startAt);
  const end = Date.parse(interval.endAt);
  if (Number.isFinite(start) && Number.isFinite(end) && end < start) {
    ctx.report({ code: 'ngsi-ld/member-value', path: [...path, 'endAt'], message: `This interval ends (${interval.endAt}) before it starts (${interval.startAt}).` });
  }
}
