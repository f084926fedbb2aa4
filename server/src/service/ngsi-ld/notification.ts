/** Notifications (GS CIM 009 clause 5.3.1): what a broker sends to a subscription's endpoint. */
import type { CheckContext } from '../context';
import { describeType, isObject, type JsonObject, type JsonPath } from '../json/values';
import { checkEntity } from './entity';
import { checkDataType } from './members';

export function checkNotification(ctx: CheckContext, notification: JsonObject, path: JsonPath): void {
  checkDataType(ctx, notification, path, 'Notification', {
    partial: false,
    onEntities: (data, at) => {
      if (!Array.isArray(data)) {
        ctx.report({ code: 'ngsi-ld/member-value', path: at, message: `"data" is an array of entities, not ${describeType(data)}.` });
        return;
      }
      data.forEach((entity, i) => {
        if (isObject(entity)) checkEntity(ctx, entity, [...at, i], { requireIdAndType: true, update: true, output: true });
        else ctx.report({ code: 'ngsi-ld/member-value', path: [...at, i], message: `Each item of "data" is an entity object, not ${describeType(entity)}.` });
      });
    },
  });
}
