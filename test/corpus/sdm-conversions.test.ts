/**
 * Over ../shared/sdm: each example-normalized.jsonld converted to simplified gives its example.jsonld. Where
 * the two upstream files hold different data (a value changed in one and not the other, an attribute in one
 * only, another id), the members that differ are listed below, and the test fails if the list stops being
 * exact: a fix to the conversion or to the snapshot shows up here. @context is left out of the comparison:
 * a conversion never changes it, and upstream often names different contexts in the two files.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { convertEntity } from '../../server/src/service/convert';
import { SHARED } from '../helpers/engine';

const SDM = join(SHARED, 'sdm');

/** Model folder → the members whose values the two upstream examples disagree on. */
const UPSTREAM_DISAGREES: Readonly<Record<string, readonly string[]>> = {
  'data-models/templates/dataModel_for_submision': ['dateEnergyMeteringStarted'],
  'dataModel.Agrifood/AgriFarm': ['address'],
  'dataModel.Agrifood/AgriFertilize': ['bill', 'dateCreated', 'dateModified', 'detail', 'dose', 'enddate', 'id', 'idcp', 'inidate', 'machine', 'maf', 'measure', 'msoup', 'mud', 'name', 'r10', 'soup', 'subtype', 'taf', 'target', 'tmi', 'typsoil'],
  'dataModel.Agrifood/AgriParcel': ['createdAt', 'modifiedAt'],
  'dataModel.Agrifood/AgriPhytosanitary': ['dateCreated', 'dateModified', 'efficacy', 'id', 'idcp', 'subtype'],
  'dataModel.Agrifood/Compartment': ['avgGrowth', 'buildingId', 'companyId', 'farmId'],
  'dataModel.Agrifood/Pen': ['buildingId', 'companyId', 'compartmentId', 'empty', 'farmId', 'id'],
  'dataModel.Agrifood/VeterinarianTreatment': ['date'],
  'dataModel.Alert/Anomaly': ['id'],
  'dataModel.Building/Building': ['address'],
  'dataModel.Building/VibrationsObserved': ['address', 'alternateName', 'areaServed', 'dataProvider', 'dateCreated', 'dateModified', 'description', 'id', 'owner', 'source'],
  'dataModel.Device/Camera': ['id', 'location'],
  'dataModel.Device/Device': ['depth', 'direction', 'distance'],
  'dataModel.Device/DeviceMeasurement': ['owner'],
  'dataModel.Device/PolarH10': ['hr', 'hrv'],
  'dataModel.Device/SenseHat': ['accelerometer', 'id'],
  'dataModel.Energy/ACMeasurement': ['alternateName', 'dateObserved', 'description'],
  'dataModel.Energy/InverterDevice': ['dateLastReported', 'location'],
  'dataModel.Energy/SolarEnergy': ['location'],
  'dataModel.Energy/TechnicalCabinetDevice': ['dateLastReported', 'deviceOwner', 'owner'],
  'dataModel.Environment/AirQualityMonitoring': ['versionInfo'],
  'dataModel.Environment/AirQualityObserved': ['charge', 'pm4', 'pressure', 'tpc', 'tsp', 'windDirection'],
  'dataModel.Environment/ElectroMagneticObserved': ['alternateName'],
  'dataModel.Environment/FloodMonitoring': ['alertLevel', 'currentLevel', 'dangerLevel', 'measuredDistance'],
  'dataModel.Environment/PhreaticObserved': ['dateObserved', 'refDevice'],
  'dataModel.Environment/RainFallRadarObserved': ['alternateName', 'dateObserved', 'dateObservedFrom', 'dateObservedTo'],
  'dataModel.Environment/WaterObserved': ['id'],
  'dataModel.Parking/OffStreetParking': ['address', 'extCategory', 'outOfServiceSlotNumber'],
  'dataModel.Parking/OnStreetParking': ['fourWheelerSlots', 'municipalityInfo', 'observationDateTime', 'parkingSiteId', 'twoWheelerSlots', 'unclassifiedSlots'],
  'dataModel.Parking/ParkingGroup': ['category', 'permitActiveHours', 'requiredPermit'],
  'dataModel.ParksAndGardens/FlowerBed': ['address', 'depth', 'nextWateringDeadline'],
  'dataModel.ParksAndGardens/Garden': ['address'],
  'dataModel.ParksAndGardens/GreenspaceRecord': ['litterCoverage', 'soilMoisturePressure', 'soilMoistureVwc'],
  'dataModel.Streetlighting/Streetlight': ['deviceInfo', 'lifetimeMotionDetected', 'lifetimePowerConsumption', 'municipalityInfo'],
  'dataModel.Transportation/APDSObservation': ['images', 'observedCredentialType'],
  'dataModel.Transportation/AnonymousCommuterId': ['source'],
  'dataModel.Transportation/AnprFlowObserved': ['dateReceived', 'location', 'observedBy', 'observedVehicle', 'refImages', 'zonesServed'],
  'dataModel.Transportation/BikeLane': ['address', 'alternateName', 'areaServed', 'dataProvider', 'dateCreated', 'dateModified', 'owner', 'seeAlso', 'source'],
  'dataModel.Transportation/CityWork': ['allowedVehicle', 'busImpacted', 'contactPoint', 'countOfBusLineImpacted', 'countOfDerogation', 'countOfEventImpacted', 'countOfRailwayLineImpacted', 'countOfRoadImpacted', 'countOfSchoolImpacted', 'countOfStationImpacted', 'countOfTramwayLineImpacted', 'derogation', 'encroachment', 'eventsImpact', 'infrastructureFunction', 'isMainRoadImpactedHTR', 'isMobile', 'mainContractingCompagny', 'mainContractingCompany', 'maxAuthorizedTonnage', 'openingHoursSpecification', 'othersContractingCompagny', 'othersContractingCompany', 'railwayImpacted', 'roadImpacted', 'schoolImpacted', 'stationImpacted', 'tramwayImpacted', 'workDate', 'workDisposition', 'workLevel', 'workNature', 'workOtherImpact', 'workReason', 'workTarget', 'workZone'],
  'dataModel.Transportation/CrowdFlowObserved': ['dateObserved'],
  'dataModel.Transportation/FleetVehicleStatus': ['unitCode'],
  'dataModel.Transportation/ItemFlowObserved': ['id', 'itemType', 'refDevice'],
  'dataModel.Transportation/OriginDestinationFlow': ['dateObserved', 'destinationLocationCode', 'id', 'originLocationCode'],
  'dataModel.Transportation/RoadAccident': ['location'],
  'dataModel.Transportation/RoadSegment': ['cyclePathMaterial'],
  'dataModel.Transportation/TrafficFlowObserved': ['address', 'dateObserved'],
  'dataModel.Transportation/TransportStation': ['contactPoint', 'contractingAuthority', 'contractingCompagny', 'contractingCompany', 'dateObserved', 'instalationMode', 'installationMode', 'openingHoursSpecification', 'owner', 'services', 'stationConnected'],
  'dataModel.Transportation/Vehicle': ['deviceBatteryStatus', 'vehicleAltitude'],
  'dataModel.UrbanMobility/GtfsFrequency': ['endTime', 'startTime'],
  'dataModel.UrbanMobility/PublicTransportRoute': ['name'],
  'dataModel.UrbanMobility/PublicTransportStop': ['openingHoursSpecification'],
  'dataModel.UrbanMobility/TransitManagement': ['acAvailable', 'depotID', 'depotName', 'direction_id', 'last_tracked_time', 'seatingCapacity', 'standingCapacity', 'uncertainity', 'vehicleID'],
  'dataModel.WasteManagement/WasteContainer': ['binLoggedTime'],
  'dataModel.WasteManagement/WasteObserved': ['id', 'refServiceOrderId'],
  'dataModel.WaterDistribution/WaterDistributionNetwork': ['deviceInfo'],
  'dataModel.WaterQuality/WaterQualityObserved': ['Fe', 'fluoride'],
  'dataModel.WaterQuality/WaterQualityPredicted': ['predictionValues', 'predictions'],
  'dataModel.Weather/SeaConditions': ['address', 'alternateName', 'areaServed', 'dateCreated', 'dateModified', 'owner', 'seeAlso', 'source'],
  'dataModel.Weather/WeatherAlert': ['id'],
  'dataModel.Weather/WeatherForecast': ['windSpeed'],
};

/** Pairs where one file is not JSON at all, so nothing can be compared. */
const NOT_JSON: readonly string[] = ['dataModel.PointOfInterest/PointOfInterest'];

function pairs(): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 5) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path, depth + 1);
      else if (name === 'example-normalized.jsonld') out.push(relative(SDM, join(dir, '..')));
    }
  };
  walk(SDM, 0);
  return out.sort();
}

describe('Smart Data Models: example-normalized.jsonld to simplified is example.jsonld', () => {
  const models = pairs();

  it('finds the pairs of the snapshot', () => {
    assert.ok(models.length >= 130, `${models.length} pairs`);
  });

  it('agrees with every pair, except the members upstream disagrees on', () => {
    const disagreements: Record<string, string[]> = {};
    const unreadable: string[] = [];
    let agreeing = 0;
    for (const model of models) {
      let normalized: Record<string, unknown>;
      let simplified: Record<string, unknown>;
      try {
        normalized = JSON.parse(readFileSync(join(SDM, model, 'examples', 'example-normalized.jsonld'), 'utf8'));
        simplified = JSON.parse(readFileSync(join(SDM, model, 'examples', 'example.jsonld'), 'utf8'));
      } catch {
        unreadable.push(model);
        continue;
      }
      const converted = convertEntity(normalized, 'simplified', undefined, [], undefined, 'normalized').value as Record<string, unknown>;
      const members = [...new Set([...Object.keys(converted), ...Object.keys(simplified)])].filter((k) => k !== '@context').sort();
      const differing = members.filter((k) => !isDeepStrictEqual(converted[k], simplified[k]));
      if (differing.length) disagreements[model] = differing;
      else agreeing++;
    }
    assert.deepEqual(unreadable, NOT_JSON);
    assert.deepEqual(disagreements, UPSTREAM_DISAGREES);
    assert.ok(agreeing >= 70, `${agreeing} pairs agree`);
  });
});

describe('round trips over real entities', () => {
  /** The content of an attribute's main member, in any form, with typed literals read as their value. */
  const content = (attribute: unknown): unknown => {
    const one = Array.isArray(attribute) && attribute.length > 0 && attribute.every((i) => typeof i === 'object' && i !== null) ? attribute.find((i) => !('datasetId' in i)) ?? attribute[0] : attribute;
    if (typeof one !== 'object' || one === null || Array.isArray(one)) return one;
    const o = one as Record<string, unknown>;
    for (const main of ['value', 'object', 'languageMap', 'vocab', 'valueList', 'json']) if (main in o) return literal(o[main]);
    if ('objectList' in o && Array.isArray(o.objectList)) return o.objectList.map((t) => (typeof t === 'object' && t !== null && 'object' in t ? (t as { object: unknown }).object : t));
    return literal(o);
  };
  const literal = (v: unknown) => (typeof v === 'object' && v !== null && '@value' in v ? (v as { '@value': unknown })['@value'] : v);

  function entitiesIn(dir: string): { file: string; entity: Record<string, unknown> }[] {
    const out: { file: string; entity: Record<string, unknown> }[] = [];
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const path = join(d, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.jsonld?$/.test(name)) {
          let json: unknown;
          try {
            json = JSON.parse(readFileSync(path, 'utf8'));
          } catch {
            continue;
          }
          for (const item of Array.isArray(json) ? json : [json]) {
            if (typeof item !== 'object' || item === null || Array.isArray(item)) continue;
            const e = item as Record<string, unknown>;
            // Normalized entities: an id, a type, and every attribute with a kind and the member the kind requires.
            const attributes = Object.entries(e).filter(([k]) => !['id', 'type', '@context', 'scope', 'createdAt', 'modifiedAt'].includes(k));
            const MAIN: Record<string, string> = { Property: 'value', Relationship: 'object', GeoProperty: 'value', LanguageProperty: 'languageMap' };
            const normalized =
              attributes.length > 0 &&
              attributes.every(([, v]) => {
                const kind = typeof v === 'object' && v !== null && !Array.isArray(v) ? String((v as { type?: unknown }).type) : '';
                return kind in MAIN && MAIN[kind]! in (v as object);
              });
            if (typeof e.id === 'string' && typeof e.type === 'string' && normalized) out.push({ file: relative(SHARED, path), entity: e });
          }
        }
      }
    };
    walk(dir);
    return out;
  }

  it('normalized → simplified → normalized keeps every value of the Smart Data Models and corpus entities', () => {
    const entities = [...entitiesIn(join(SHARED, 'sdm')), ...entitiesIn(join(SHARED, 'corpus'))];
    assert.ok(entities.length >= 150, `${entities.length} normalized entities`);
    for (const { file, entity } of entities) {
      const simplified = convertEntity(entity, 'simplified', undefined, [], undefined, 'normalized').value as Record<string, unknown>;
      const back = convertEntity(simplified, 'normalized', undefined, [], undefined, 'simplified').value as Record<string, unknown>;
      for (const key of Object.keys(entity)) {
        if (['id', 'type', '@context', 'scope', 'createdAt', 'modifiedAt'].includes(key)) continue;
        assert.deepEqual(content(back[key]), content(entity[key]), `${file}: ${key}`);
      }
    }
  });
});
