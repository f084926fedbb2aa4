/** Subscriptions (GS CIM 009 clause 5.2.12): NGSI-SUB-S-001 to -010. */
import type { CheckContext } from '../context';
import { hasOwn, type JsonObject, type JsonPath } from '../json/values';
import { checkDataType, objectMember } from './members';
import { checkGeoQueryObject } from './query-strings';
import { checkTemporalQuery } from './query';
import { checkExclusive, checkExpiry, checkPickOmitOverlap, checkSelectors } from './request-rules';
import { checkSubscriptionSecurity } from './security';

/**
 * `declared` is true when the settings say the file is a subscription: then it is a create. Otherwise a body
 * without entities and watchedAttributes is read as an update (PATCH), which carries only what changes.
 */
export function checkSubscription(ctx: CheckContext, subscription: JsonObject, path: JsonPath, declared = false): void {
  const partial = !declared && !hasOwn(subscription, 'entities') && !hasOwn(subscription, 'watchedAttributes');
  if (!checkDataType(ctx, subscription, path, 'Subscription', { partial })) return;
  if (!partial && !hasOwn(subscription, 'entities') && !hasOwn(subscription, 'watchedAttributes')) {
    ctx.report({
      code: 'ngsi-ld/subscription-target',
      path,
      message: 'A subscription needs "entities" (which entities to watch) or "watchedAttributes" (which attribute changes notify), or both.',
    });
  }
  checkExclusive(ctx, subscription, path, ['throttling', 'timeInterval'], 'throttling limits how often change notifications are sent, timeInterval sends them periodically; a subscription is one or the other');
  checkExclusive(ctx, subscription, path, ['watchedAttributes', 'timeInterval'], 'a periodic subscription (timeInterval) does not watch attribute changes');
  checkExpiry(ctx, subscription.expiresAt, [...path, 'expiresAt'], 'subscription');
  checkSelectors(ctx, subscription.entities, [...path, 'entities']);
  const geoQ = objectMember(subscription, 'geoQ');
  if (geoQ) checkGeoQueryObject(ctx, geoQ, [...path, 'geoQ']);
  const temporalQ = objectMember(subscription, 'temporalQ');
  if (temporalQ) checkTemporalQuery(ctx, temporalQ, [...path, 'temporalQ']);
  const notification = objectMember(subscription, 'notification');
  if (notification) {
    const at = [...path, 'notification'];
    checkExclusive(ctx, notification, at, ['attributes', 'pick'], 'attributes and pick both choose what is notified; use one');
    checkExclusive(ctx, notification, at, ['attributes', 'omit'], 'attributes and omit both choose what is notified; use one');
    checkPickOmitOverlap(ctx, notification, at);
  }
  checkSubscriptionSecurity(ctx, subscription, path);
}
