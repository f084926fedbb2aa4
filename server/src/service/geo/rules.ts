import { defineRules } from '../rule-definition';

const point = (coordinates: string) =>
  `{"id": "urn:ngsi-ld:Car:1", "type": "Car", "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": ${coordinates}}}}`;

/** GeoJSON geometries inside GeoProperties (MIM7, RFC 7946). */
export const geoRules = defineRules({
  'geo/not-an-object': {
    mim: 'MIM7',
    requirements: { '2022': ['2022 MIM7 Encoding'], 'new-format': ['Geospatial R2.1'] },
    severity: 'error',
    title: 'A geometry is a GeoJSON object, not text',
    docs:
      'The value of a GeoProperty is a GeoJSON geometry object such as `{"type": "Point", "coordinates": [lon, lat]}`. ' +
      'Text such as `"40.4,-3.7"` (the NGSI-v2 `geo:point` habit) or WKT is refused. For a `"lat, lon"` string the ' +
      'fix builds the Point, in GeoJSON order (longitude first).',
    source: 'NGSI-GEO-005; GS CIM 009 clause 4.7; Orion-LD "must be a JSON Object"',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: point('[-3.7, 40.4]') },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "location": {"type": "GeoProperty", "value": ⟦"40.4,-3.7"⟧}}' },
    fix: 'Write a GeoJSON Point',
  },
  'geo/geometry-type': {
    mim: 'MIM7',
    requirements: { '2022': ['2022 MIM7 Encoding'], 'new-format': ['Geospatial R2.1'] },
    severity: 'error',
    title: 'A geometry is a Point, MultiPoint, LineString, MultiLineString, Polygon or MultiPolygon',
    docs:
      'NGSI-LD takes the six basic GeoJSON geometry types. GeometryCollection, Feature and FeatureCollection are ' +
      'valid GeoJSON but not a GeoProperty value (for a Feature, use its `geometry`). The type name is case-sensitive.',
    source: 'NGSI-GEO-001; GS CIM 009 clause 4.7.1; RFC 7946 clause 3.1; Orion-LD',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: point('[-3.7, 40.4]') },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "location": {"type": "GeoProperty", "value": {"type": ⟦"point"⟧, "coordinates": [-3.7, 40.4]}}}' },
    fix: 'Use the geometry type',
  },
  'geo/coordinates': {
    mim: 'MIM7',
    requirements: { '2022': ['2022 MIM7 Encoding'], 'new-format': ['Geospatial R2.1'] },
    severity: 'error',
    title: 'Coordinates have the shape their geometry type needs',
    docs:
      'A Point is one position `[lon, lat]` or `[lon, lat, alt]`; a MultiPoint and a LineString are arrays of ' +
      'positions (a LineString has at least two); a Polygon is an array of linear rings of at least four positions; ' +
      'Multi* types are arrays of those. Every coordinate is a number.',
    source: 'NGSI-GEO-003; RFC 7946 clauses 3.1.1 to 3.1.7; Orion-LD',
    brokerError: 'BadRequestData',
    valid: { file: 'road.json', text: '{"id": "urn:ngsi-ld:Road:1", "type": "Road", "location": {"type": "GeoProperty", "value": {"type": "LineString", "coordinates": [[2.1, 41.3], [2.2, 41.4]]}}}' },
    invalid: { file: 'road.json', text: '{"id": "urn:ngsi-ld:Road:1", "type": "Road", "location": {"type": "GeoProperty", "value": {"type": "LineString", "coordinates": ⟦[[2.1, 41.3]]⟧}}}' },
  },
  'geo/ring-not-closed': {
    mim: 'MIM7',
    requirements: { '2022': ['2022 MIM7 Encoding'], 'new-format': ['Geospatial R2.1'] },
    severity: 'error',
    title: 'Polygon rings are closed',
    docs: 'The last position of each linear ring must repeat the first. Orion-LD refuses an open ring; Scorpio stores it and queries then misbehave. The fix appends the first position.',
    source: 'NGSI-GEO-003; RFC 7946 clause 3.1.6; Orion-LD',
    brokerError: 'BadRequestData',
    valid: { file: 'park.json', text: '{"id": "urn:ngsi-ld:Park:1", "type": "Park", "location": {"type": "GeoProperty", "value": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}}' },
    invalid: { file: 'park.json', text: '{"id": "urn:ngsi-ld:Park:1", "type": "Park", "location": {"type": "GeoProperty", "value": {"type": "Polygon", "coordinates": [⟦[[0, 0], [1, 0], [1, 1], [0, 1]]⟧]}}}' },
    fix: 'Close the ring',
  },
  'geo/position-range': {
    mim: 'MIM7',
    requirements: { '2022': ['2022 MIM7 Encoding'], 'new-format': ['Geospatial R5.1'] },
    severity: 'error',
    title: 'Longitude is within ±180 and latitude within ±90',
    docs: 'Positions are WGS 84 longitude then latitude. A longitude outside [-180, 180] or a latitude outside [-90, 90] is refused by Orion-LD and makes geo-queries fail elsewhere.',
    source: 'NGSI-GEO-002; RFC 7946 clause 3.1.1; Orion-LD range check',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: point('[2.17, 41.38]') },
    invalid: { file: 'car.json', text: point('[⟦200⟧, 41.38]') },
  },
  'geo/swapped-coordinates': {
    mim: 'MIM7',
    requirements: { '2022': ['2022 MIM7 Encoding'], 'new-format': ['Geospatial R5.1'] },
    severity: 'error',
    title: 'Longitude comes first',
    docs:
      'GeoJSON writes `[longitude, latitude]`. When a latitude is out of range but every position of the geometry ' +
      'would be valid with the two numbers swapped, the positions were almost certainly written latitude first. ' +
      'Swapped positions that happen to be in range both ways cannot be told apart and are not reported.',
    source: 'NGSI-GEO-002; RFC 7946 clause 3.1.1; MIM7 Geospatial data',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: point('[-3.7, 40.4]') },
    invalid: { file: 'car.json', text: point('⟦[41.38, 170.2]⟧') },
    fix: 'Swap longitude and latitude',
  },
  'geo/extra-member': {
    mim: 'MIM7',
    requirements: { '2022': ['2022 MIM7 Encoding'], 'new-format': ['Geospatial R2.1', 'Geospatial R5.1'] },
    severity: 'warning',
    title: 'A geometry has only type and coordinates',
    docs: 'Orion-LD refuses any member besides `type` and `coordinates` in a GeoProperty value ("Unexpected Field"), including the GeoJSON `bbox` and the obsolete `crs`, and Feature members such as `properties`.',
    source: 'NGSI-GEO-004; Orion-LD; RFC 7946 clause 4 (crs removed)',
    valid: { file: 'car.json', text: point('[2.17, 41.38]') },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [2.17, 41.38], ⟦"bbox"⟧: [2.17, 41.38, 2.17, 41.38]}}}' },
    fix: 'Remove the member',
  },
  'geo/altitude': {
    mim: 'MIM7',
    requirements: { '2022': ['2022 MIM7 Encoding'], 'new-format': ['Geospatial R2.1'] },
    severity: 'hint',
    title: 'Three-dimensional positions are refused by Scorpio',
    docs: 'GeoJSON allows an altitude as a third number and Orion-LD accepts it, but Scorpio only takes two numbers per position.',
    source: 'NGSI-GEO-002; Scorpio "Invalid longitude latitude pair definition"',
    valid: { file: 'car.json', text: point('[2.17, 41.38]') },
    invalid: { file: 'car.json', text: point('⟦[2.17, 41.38, 12]⟧') },
  },
  'geo/ring-orientation': {
    mim: 'MIM7',
    requirements: { '2022': ['2022 MIM7 Encoding'], 'new-format': ['Geospatial R2.1'] },
    severity: 'hint',
    title: 'Outer rings run counter-clockwise',
    docs: 'RFC 7946 says an outer ring should run counter-clockwise and holes clockwise. No broker checks it, but some GIS tools draw the inverse area.',
    source: 'NGSI-GEO-006; RFC 7946 clause 3.1.6',
    valid: { file: 'park.json', text: '{"id": "urn:ngsi-ld:Park:1", "type": "Park", "location": {"type": "GeoProperty", "value": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}}' },
    invalid: { file: 'park.json', text: '{"id": "urn:ngsi-ld:Park:1", "type": "Park", "location": {"type": "GeoProperty", "value": {"type": "Polygon", "coordinates": [⟦[[0, 0], [1, 1], [1, 0], [0, 0]]⟧]}}}' },
  },
});
