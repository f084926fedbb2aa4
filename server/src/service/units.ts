/**
 * UN/CEFACT Recommendation 20 common codes, the working set city data uses (NGSI-LD `unitCode`): for
 * completion and hover, and to turn a data model's `Units:'...'` text into a code. Any other code of the
 * recommendation is still valid.
 */
export interface UnitInfo {
  code: string;
  name: string;
  symbol?: string;
  /** Other ways data models write the unit, lower case. */
  aliases?: readonly string[];
}

export const UNITS: readonly UnitInfo[] = [
  { code: 'CEL', name: 'degree Celsius', symbol: '°C', aliases: ['celsius', 'degrees celsius', 'celsius degree', 'degree centigrade', 'centigrade', 'ºc', 'c'] },
  { code: 'FAH', name: 'degree Fahrenheit', symbol: '°F', aliases: ['fahrenheit'] },
  { code: 'KEL', name: 'kelvin', symbol: 'K', aliases: ['kelvin degree'] },
  { code: 'MTR', name: 'metre', symbol: 'm', aliases: ['meter', 'meters', 'metres'] },
  { code: 'CMT', name: 'centimetre', symbol: 'cm', aliases: ['centimeter', 'centimeters'] },
  { code: 'MMT', name: 'millimetre', symbol: 'mm', aliases: ['millimeter', 'millimeters'] },
  { code: 'KMT', name: 'kilometre', symbol: 'km', aliases: ['kilometer', 'kilometers', 'kilometres'] },
  { code: 'INH', name: 'inch', symbol: 'in' },
  { code: 'FOT', name: 'foot', symbol: 'ft' },
  { code: 'MTK', name: 'square metre', symbol: 'm²', aliases: ['m2', 'square meter', 'square meters'] },
  { code: 'HAR', name: 'hectare', symbol: 'ha' },
  { code: 'MTQ', name: 'cubic metre', symbol: 'm³', aliases: ['m3', 'cubic meter', 'cubic meters'] },
  { code: 'LTR', name: 'litre', symbol: 'l', aliases: ['liter', 'liters', 'litres', 'l'] },
  { code: 'MLT', name: 'millilitre', symbol: 'ml', aliases: ['milliliter'] },
  { code: 'KGM', name: 'kilogram', symbol: 'kg', aliases: ['kilograms', 'kilogramme'] },
  { code: 'GRM', name: 'gram', symbol: 'g', aliases: ['grams'] },
  { code: 'MGM', name: 'milligram', symbol: 'mg' },
  { code: 'TNE', name: 'tonne (metric ton)', symbol: 't', aliases: ['tonne', 'tonnes', 'ton', 'tons'] },
  { code: 'SEC', name: 'second', symbol: 's', aliases: ['seconds'] },
  { code: 'MIN', name: 'minute', symbol: 'min', aliases: ['minutes'] },
  { code: 'HUR', name: 'hour', symbol: 'h', aliases: ['hours'] },
  { code: 'DAY', name: 'day', symbol: 'd', aliases: ['days'] },
  { code: 'WEE', name: 'week', aliases: ['weeks'] },
  { code: 'MON', name: 'month', aliases: ['months'] },
  { code: 'ANN', name: 'year', symbol: 'y', aliases: ['years'] },
  { code: 'KMH', name: 'kilometre per hour', symbol: 'km/h', aliases: ['kilometer per hour', 'kilometers per hour', 'kmh'] },
  { code: 'MTS', name: 'metre per second', symbol: 'm/s', aliases: ['meter per second', 'meters per second', 'meters/second'] },
  { code: 'HM', name: 'mile per hour', symbol: 'mph', aliases: ['miles per hour'] },
  { code: 'KNT', name: 'knot', symbol: 'kn', aliases: ['knots'] },
  { code: 'PAL', name: 'pascal', symbol: 'Pa' },
  { code: 'A97', name: 'hectopascal', symbol: 'hPa', aliases: ['hecto pascal'] },
  { code: 'BAR', name: 'bar', symbol: 'bar' },
  { code: 'MBR', name: 'millibar', symbol: 'mbar' },
  { code: 'WTT', name: 'watt', symbol: 'W', aliases: ['watts'] },
  { code: 'KWT', name: 'kilowatt', symbol: 'kW' },
  { code: 'KPA', name: 'kilopascal', symbol: 'kPa' },
  { code: 'MAW', name: 'megawatt', symbol: 'MW' },
  { code: 'WHR', name: 'watt hour', symbol: 'Wh' },
  { code: 'KWH', name: 'kilowatt hour', symbol: 'kWh', aliases: ['kilowatt-hour', 'kilowatt hours'] },
  { code: 'MWH', name: 'megawatt hour', symbol: 'MWh' },
  { code: 'JOU', name: 'joule', symbol: 'J' },
  { code: 'KJO', name: 'kilojoule', symbol: 'kJ' },
  { code: 'VLT', name: 'volt', symbol: 'V', aliases: ['volts'] },
  { code: 'AMP', name: 'ampere', symbol: 'A', aliases: ['amperes', 'amps', 'amper'] },
  { code: 'OHM', name: 'ohm', symbol: 'Ω' },
  { code: 'HTZ', name: 'hertz', symbol: 'Hz' },
  { code: 'P1', name: 'percent', symbol: '%', aliases: ['percentage', 'per cent'] },
  { code: 'C62', name: 'one (a count or a ratio without unit)', symbol: '1', aliases: ['unitless', 'dimensionless'] },
  { code: 'LUX', name: 'lux', symbol: 'lx' },
  { code: 'LUM', name: 'lumen', symbol: 'lm' },
  { code: 'CDL', name: 'candela', symbol: 'cd' },
  { code: 'A24', name: 'candela per square metre', symbol: 'cd/m²', aliases: ['cd/m2'] },
  { code: '2N', name: 'decibel', symbol: 'dB', aliases: ['decibels', 'db(a)', 'dba'] },
  { code: 'DD', name: 'degree (angle)', symbol: '°', aliases: ['degree', 'degrees'] },
  { code: 'D54', name: 'watt per square metre', symbol: 'W/m²', aliases: ['w/m2', 'watts per square meter'] },
  { code: 'D10', name: 'siemens per metre', symbol: 'S/m', aliases: ['siemens per meter', 'siemens / m'] },
  { code: '2Z', name: 'millivolt', symbol: 'mV' },
  { code: 'MSK', name: 'metre per second squared', symbol: 'm/s²', aliases: ['m/s2'] },
  { code: 'G51', name: 'litre per second', symbol: 'l/s', aliases: ['liters per second'] },
  { code: 'MQH', name: 'cubic metre per hour', symbol: 'm³/h', aliases: ['m3/h', 'cubic meters/hour', 'cubic meter per hour'] },
  { code: 'MQS', name: 'cubic metre per second', symbol: 'm³/s', aliases: ['m3/s'] },
  { code: 'L2', name: 'litre per minute', symbol: 'l/min', aliases: ['liters per minute'] },
  { code: 'KMQ', name: 'kilogram per cubic metre', symbol: 'kg/m³', aliases: ['kg/m3'] },
  { code: 'GP', name: 'milligram per cubic metre', symbol: 'mg/m³', aliases: ['mg/m3'] },
  { code: 'GQ', name: 'microgram per cubic metre', symbol: 'µg/m³', aliases: ['ug/m3', 'µg/m3', 'microgram per cubic meter', 'micrograms per cubic meter'] },
  { code: 'M1', name: 'milligram per litre', symbol: 'mg/l', aliases: ['mg/l', 'milligrams per liter', 'mg per liter'] },
  { code: 'H29', name: 'microgram per litre', symbol: 'µg/l', aliases: ['ug/l', 'µg/l'] },
  { code: '59', name: 'part per million', symbol: 'ppm', aliases: ['parts per million'] },
  { code: '61', name: 'part per billion', symbol: 'ppb', aliases: ['parts per billion'] },
  { code: '4H', name: 'micrometre (micron)', symbol: 'µm', aliases: ['micron', 'micrometer'] },
];

const BY_CODE = new Map(UNITS.map((u) => [u.code, u]));

export function unitByCode(code: string): UnitInfo | undefined {
  return BY_CODE.get(code);
}

/** The code a data model's `Units:'...'` text names, when it names one of the working set unambiguously. */
export function unitCodeFromText(text: string): string | undefined {
  const t = text.trim().toLowerCase().replace(/\.$/, '');
  const inner = [...t.matchAll(/\(([^)]+)\)/g)].map((m) => m[1]!.trim());
  const outer = t.replace(/\([^)]*\)/g, '').trim();
  const words = [t, outer, ...inner].filter(Boolean);
  // Plurals: "meters", "degrees celsius", "celsius degrees".
  const candidates = [...words, ...words.map((w) => w.replace(/(?<![us])s\b/g, ''))];
  for (const candidate of candidates) {
    for (const unit of UNITS) {
      if (unit.name.toLowerCase() === candidate || unit.code.toLowerCase() === candidate) return unit.code;
      if (unit.symbol && unit.symbol.toLowerCase() === candidate) return unit.code;
      if (unit.aliases?.includes(candidate)) return unit.code;
    }
  }
  return undefined;
}
