import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CheckResult, ModelCatalog } from '../../server/src/service/index';
import { SHARED, catalogFor, checkWithModels } from '../helpers/engine';

// Every example of the 135 Smart Data Models in ../shared/sdm against its model, with ../shared/sdm as the
// local checkout (mim.sdm.root). ../shared/sdm/expected-ajv-results.json records what ajv 2020 with formats
// asserted says of each example.json and example.jsonld; our checker must give the same verdict. Its "errors"
// lists lost their paths when they were recorded ("/ undefined"), so the failing paths asserted below are the
// ones ../shared/spec/sdm-corpus.md names.

const SDM = join(SHARED, 'sdm');
const index = JSON.parse(readFileSync(join(SDM, 'index.json'), 'utf8')) as { repo: string; model: string; examples: Record<string, string> }[];
const expected = JSON.parse(readFileSync(join(SDM, 'expected-ajv-results.json'), 'utf8')).models as {
  repo: string;
  model: string;
  examples: Record<string, { validWithFormats?: boolean; parseError?: string }>;
}[];

/** The problems that make a schema verdict (unknown attributes are hints, not schema failures). */
const SCHEMA_CODES = new Set(['sdm/value-type', 'sdm/enum', 'sdm/format', 'sdm/pattern', 'sdm/range', 'sdm/required', 'sdm/schema']);

let catalog: ModelCatalog;
const results = new Map<string, CheckResult>();

async function checkExample(rel: string): Promise<CheckResult> {
  let result = results.get(rel);
  if (!result) {
    const full = join(SDM, rel);
    result = await checkWithModels(pathToFileURL(full).toString(), readFileSync(full, 'utf8'), {}, catalog);
    results.set(rel, result);
  }
  return result;
}

const schemaProblems = (r: CheckResult) => r.problems.filter((p) => SCHEMA_CODES.has(p.code));
const at = (r: CheckResult) => schemaProblems(r).map((p) => `${p.code}:${p.range.start.line + 1}`);

/**
 * example-normalized.jsonld files whose own content differs from their simplified twin, so their verdict
 * differs too. Each is a defect of the normalized file, found at its place.
 */
const DEFECTIVE_NORMALIZED: Record<string, { why: string; problems: string[] | { code: string; count: number } }> = {
  'dataModel.Agrifood/AgriFertilize': { why: 'the members of subtype, measure, msoup, taf, maf, tmi and idcp are written as nested NGSI-LD Properties inside the values', problems: { code: 'sdm/value-type', count: 32 } },
  'dataModel.Agrifood/Compartment': { why: 'avgGrowth is true, not a number', problems: ['sdm/value-type:27'] },
  'dataModel.Agrifood/VeterinarianTreatment': { why: 'date is an NGSI-v2 {"type": "Date-Time", "value": ...} object inside the value', problems: ['sdm/value-type:10'] },
  'dataModel.Device/PolarH10': { why: 'hr is 75.5 where the model wants an integer', problems: ['sdm/value-type:71'] },
  'dataModel.Device/SenseHat': { why: 'accelerometer axes are written as nested Properties inside the value', problems: ['sdm/value-type:23', 'sdm/value-type:27', 'sdm/value-type:31'] },
  'dataModel.Energy/InverterDevice': { why: 'dateLastReported is not a string, and location is a Point where the model wants a MultiPoint', problems: ['sdm/value-type:36', 'sdm/enum:77'] },
  'dataModel.Energy/SolarEnergy': { why: 'location is a Point where the model wants a MultiPoint', problems: ['sdm/enum:7'] },
  'dataModel.Energy/TechnicalCabinetDevice': { why: 'dateLastReported is not a string; an owner is not an entity id', problems: ['sdm/value-type:33', 'sdm/pattern:152'] },
  'dataModel.Environment/PhreaticObserved': { why: 'dateObserved is an NGSI-v2 {"type": "DateTime", "value": ...} object inside the value', problems: ['sdm/value-type:10'] },
  'dataModel.Environment/RainFallRadarObserved': { why: 'dates are NGSI-v2 {"type": "DateTime", "value": ...} objects inside the value', problems: ['sdm/value-type:26', 'sdm/value-type:33', 'sdm/value-type:40'] },
  'dataModel.Parking/ParkingGroup': { why: 'a category that is not in the enum, permitActiveHours is the string "null", requiredPermit is not an array', problems: ['sdm/enum:16', 'sdm/value-type:63', 'sdm/value-type:71'] },
  'dataModel.Transportation/APDSObservation': { why: 'observedCredentialType is not one of the allowed values', problems: ['sdm/enum:10'] },
  'dataModel.Transportation/AnprFlowObserved': { why: 'no location; zonesServed and the observed vehicle members have other types than in the simplified twin', problems: ['sdm/required:3', 'sdm/value-type:29', 'sdm/value-type:45', 'sdm/value-type:46', 'sdm/value-type:47', 'sdm/value-type:48', 'sdm/value-type:49', 'sdm/value-type:50'] },
  'dataModel.Transportation/ItemFlowObserved': { why: 'itemType is "yatching", not one of the allowed values', problems: ['sdm/enum:75'] },
  'dataModel.Transportation/Vehicle': { why: 'deviceBatteryStatus is "Connected" (the enum says "connected"); vehicleAltitude is a number where the model wants a string', problems: ['sdm/enum:33', 'sdm/value-type:134'] },
  'dataModel.UrbanMobility/GtfsFrequency': { why: 'startTime and endTime do not match the GTFS time pattern', problems: ['sdm/pattern:12', 'sdm/pattern:31'] },
};

describe('Smart Data Models: payloads against their data models', () => {
  before(async () => {
    catalog = catalogFor({ sdm: true });
    await catalog.prepare(index.map((m) => m.model));
  });

  it('loads and compiles every one of the 135 models', () => {
    assert.equal(index.length, 135);
    const notReady = index.filter((m) => catalog.lookup(m.model).state !== 'ready').map((m) => `${m.model}: ${JSON.stringify(catalog.lookup(m.model))}`);
    assert.deepEqual(notReady, []);
    for (const m of index) {
      const lookup = catalog.lookup(m.model);
      assert.ok(lookup.state === 'ready' && lookup.model.unresolved.length === 0, `${m.model} resolves every $ref offline`);
    }
  });

  for (const name of ['example.json', 'example.jsonld']) {
    it(`gives every ${name} the verdict ajv gives it with formats asserted`, async () => {
      const mismatches: string[] = [];
      let valid = 0;
      for (const m of index) {
        const record = expected.find((e) => e.repo === m.repo && e.model === m.model)!.examples[name]!;
        const result = await checkExample(m.examples[name]!);
        if (record.parseError) {
          assert.ok(result.problems.some((p) => p.code === 'json/syntax'), `${m.model} ${name} is not JSON`);
          continue;
        }
        const ours = schemaProblems(result).length === 0;
        if (ours) valid++;
        if (ours !== record.validWithFormats) mismatches.push(`${m.model}: ours ${ours}, ajv ${record.validWithFormats}: ${at(result).join(' ')}`);
        assert.ok(result.models.some((u) => u.type === m.model || u.state === 'ready'), `${m.model} ${name} was checked against a model`);
      }
      assert.deepEqual(mismatches, []);
      assert.equal(valid, 122);
    });
  }

  it('fails the examples at the paths sdm-corpus.md names, as warnings for formats and errors otherwise', async () => {
    const find = async (rel: string, code: string, line: number) => {
      const result = await checkExample(rel);
      const hit = result.problems.find((p) => p.code === code && p.range.start.line + 1 === line);
      assert.ok(hit, `${rel}: ${code} at line ${line}; got ${at(result).join(' ')}`);
      return hit;
    };
    // date-time without a time zone
    assert.equal((await find('dataModel.Environment/AirQualityObserved/examples/example.json', 'sdm/format', 9)).severity, 'warning');
    // CityWork workDisposition[1].endDate is "24:00:00Z"
    assert.match((await find('dataModel.Transportation/CityWork/examples/example.json', 'sdm/format', 151)).message, /^"workDisposition\[1\]\.endDate" must be a date and time/);
    // TransportStation constructionDate "2016-19-08"
    assert.match((await find('dataModel.Transportation/TransportStation/examples/example.json', 'sdm/format', 159)).message, /^"constructionDate"/);
    // AirQualityObserved tsp is 73.3 where the model wants an integer
    const tsp = await find('dataModel.Environment/AirQualityObserved/examples/example.json', 'sdm/value-type', 36);
    assert.equal(tsp.severity, 'error');
    assert.match(tsp.message, /^"tsp" must be an integer/);
    // ElectricVehicleMobility averageDistanceKm is ""
    assert.match((await find('dataModel.Transportation/ElectricVehicleMobility/examples/example.json', 'sdm/value-type', 10)).message, /^"averageDistanceKm" must be a number/);
    // TrafficEnvironmentImpactForecast: the schema's type enum says TrafficEnvironmentImpact
    assert.match((await find('dataModel.Environment/TrafficEnvironmentImpactForecast/examples/example.json', 'sdm/enum', 3)).message, /must be one of "TrafficEnvironmentImpact"/);
    // RestrictedTrafficArea regulation is not a URI
    assert.match((await find('dataModel.Transportation/RestrictedTrafficArea/examples/example.json', 'sdm/format', 19)).message, /absolute URI/);
    // Museum opening hours without a time zone
    await find('dataModel.PointOfInterest/Museum/examples/example.json', 'sdm/format', 33);
  });

  it('gives every example-normalized.jsonld the verdict of its simplified twin, except where the normalized file is defective', async () => {
    const mismatches: string[] = [];
    for (const m of index) {
      const key = `${m.repo}/${m.model}`;
      const twin = expected.find((e) => e.repo === m.repo && e.model === m.model)!.examples['example.jsonld']!;
      const result = await checkExample(m.examples['example-normalized.jsonld']!);
      const defect = DEFECTIVE_NORMALIZED[key];
      if (defect) {
        const found = at(result);
        if (Array.isArray(defect.problems)) assert.deepEqual(found, defect.problems, `${key}: ${defect.why}`);
        else assert.deepEqual([found.length, new Set(found.map((f) => f.split(':')[0]))], [defect.problems.count, new Set([defect.problems.code])], `${key}: ${defect.why}`);
        continue;
      }
      const ours = schemaProblems(result).length === 0;
      // The PointOfInterest simplified twin is not JSON; its normalized file is valid.
      const want = twin.parseError ? true : twin.validWithFormats;
      if (ours !== want) mismatches.push(`${key}: normalized ${ours}, simplified ${want}: ${at(result).join(' ')}`);
    }
    assert.deepEqual(mismatches, []);
  });

  it('reports a problem of a normalized payload on the value inside its wrapper, like the simplified one', async () => {
    const simplified = '{"id": "urn:ngsi-ld:Streetlight:1", "type": "Streetlight", "location": {"type": "Point", "coordinates": [-3.7, 40.41]}, "status": "broken", "powerState": 7}';
    const concise = '{"id": "urn:ngsi-ld:Streetlight:1", "type": "Streetlight", "location": {"value": {"type": "Point", "coordinates": [-3.7, 40.41]}}, "status": {"value": "broken"}, "powerState": {"value": 7}}';
    const normalized =
      '{"id": "urn:ngsi-ld:Streetlight:1", "type": "Streetlight", "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [-3.7, 40.41]}}, "status": {"type": "Property", "value": "broken"}, "powerState": {"type": "Property", "value": 7}}';
    const shapes = [];
    for (const text of [simplified, concise, normalized]) {
      const result = await checkWithModels('streetlight.json', text, { sdm: true }, catalog);
      shapes.push(result.problems.map((p) => [p.code, text.slice(p.offsets.start, p.offsets.end)]));
    }
    const expectedShape = [
      ['sdm/enum', '"broken"'],
      ['sdm/value-type', '7'],
    ];
    assert.deepEqual(shapes, [expectedShape, expectedShape, expectedShape]);
  });

  it('checks each entity of a batch against its own model', async () => {
    const text = JSON.stringify([
      { id: 'urn:ngsi-ld:Streetlight:1', type: 'Streetlight', location: { type: 'Point', coordinates: [-3.7, 40.41] }, status: 'ok' },
      { id: 'urn:ngsi-ld:WeatherObserved:1', type: 'WeatherObserved', dateObserved: '2024-05-01T10:00:00Z', location: { type: 'Point', coordinates: [-3.7, 40.41] }, temperature: 'warm' },
      { id: 'urn:ngsi-ld:Streetlight:2', type: 'Streetlight', location: { type: 'Point', coordinates: [-3.7, 40.41] } },
    ]);
    const result = await checkWithModels('batch.json', text, { sdm: true }, catalog);
    assert.deepEqual(
      result.problems.map((p) => [p.code, p.path.join('/')]),
      [
        ['sdm/value-type', '1/temperature'],
        ['sdm/required', '2/type'],
      ],
    );
    assert.deepEqual(result.models.map((u) => [u.type, u.state, u.version !== undefined]), [
      ['Streetlight', 'ready', true],
      ['WeatherObserved', 'ready', true],
    ]);
  });

  it('names an attribute the model does not define, with the closest one', async () => {
    const text = '{"id": "urn:ngsi-ld:WeatherObserved:1", "type": "WeatherObserved", "dateObserved": "2024-05-01T10:00:00Z", "location": {"type": "Point", "coordinates": [-4.75, 41.64]}, "relativeHumdity": 0.5, "myOwnAttribute": 1}';
    const result = await checkWithModels('w.json', text, { sdm: true }, catalog);
    assert.deepEqual(
      result.problems.map((p) => [p.code, p.severity, p.message]),
      [
        ['sdm/unknown-attribute', 'hint', 'The WeatherObserved data model does not define "relativeHumdity". Did you mean "relativeHumidity"?'],
        ['sdm/unknown-attribute', 'hint', 'The WeatherObserved data model does not define "myOwnAttribute". Extending a model is allowed; check the name if it was meant to be one of the model\'s attributes.'],
      ],
    );
  });

  it('validates the model named by a full type IRI', async () => {
    const text = '{"id": "urn:ngsi-ld:Streetlight:1", "type": "https://smartdatamodels.org/dataModel.Streetlighting/Streetlight", "location": {"type": "Point", "coordinates": [-3.7, 40.41]}, "status": 3}';
    const result = await checkWithModels('s.json', text, { sdm: true }, catalog);
    assert.deepEqual(result.problems.filter((p) => p.code.startsWith('sdm/')).map((p) => p.code), ['sdm/value-type']);
  });
});
