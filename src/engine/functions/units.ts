/**
 * Unit conversions: convert_angle, convert_energy, convert_force, convert_length, convert_mass,
 * convert_speed, convert_temperature, convert_volume(value, from, to). Units are the names the docs list;
 * each is given by its size in the SI unit of its quantity (standard definitions). An unknown unit gives
 * null.
 */
import { realArg } from './args.js';
import type { ScalarFunction } from './registry.js';
import { eager, scalar } from './registry.js';

const DEG = Math.PI / 180;
const BTU = 1055.05585262;
const EV = 1.602176634e-19;
const FOOT = 0.3048;
const INCH = 0.0254;
const US_SURVEY_FOOT = 1200 / 3937;
const LIGHT_YEAR = 9.46073047258e15;
const PARSEC = 3.08567758128e16;
const POUND = 0.45359237;
const CUBIC_FOOT = FOOT ** 3;
const US_GALLON = 3.785411784e-3;
const IMPERIAL_GALLON = 4.54609e-3;

/** Radians. */
const ANGLE: Record<string, number> = {
  Arcminute: DEG / 60,
  Arcsecond: DEG / 3600,
  Centiradian: 1e-2,
  Deciradian: 1e-1,
  Degree: DEG,
  Gradian: Math.PI / 200,
  Microdegree: DEG * 1e-6,
  Microradian: 1e-6,
  Millidegree: DEG * 1e-3,
  Milliradian: 1e-3,
  Nanodegree: DEG * 1e-9,
  Nanoradian: 1e-9,
  NatoMil: (2 * Math.PI) / 6400,
  Radian: 1,
  Revolution: 2 * Math.PI,
};

/** Joules. */
const ENERGY: Record<string, number> = {
  BritishThermalUnit: BTU,
  Calorie: 4.184,
  DecathermEc: 1.05505585262e9,
  DecathermImperial: 1.05505585257348e9,
  DecathermUs: 1.054804e9,
  ElectronVolt: EV,
  Erg: 1e-7,
  FootPound: 1.355817948,
  GigabritishThermalUnit: BTU * 1e9,
  GigaelectronVolt: EV * 1e9,
  Gigajoule: 1e9,
  GigawattDay: 8.64e13,
  GigawattHour: 3.6e12,
  HorsepowerHour: 2.6845195377e6,
  Joule: 1,
  KilobritishThermalUnit: BTU * 1e3,
  Kilocalorie: 4184,
  KiloelectronVolt: EV * 1e3,
  Kilojoule: 1e3,
  KilowattDay: 8.64e7,
  KilowattHour: 3.6e6,
  MegabritishThermalUnit: BTU * 1e6,
  Megacalorie: 4.184e6,
  MegaelectronVolt: EV * 1e6,
  Megajoule: 1e6,
  MegawattDay: 8.64e10,
  MegawattHour: 3.6e9,
  Millijoule: 1e-3,
  TeraelectronVolt: EV * 1e12,
  TerawattDay: 8.64e16,
  TerawattHour: 3.6e15,
  ThermEc: 1.05505585262e8,
  ThermImperial: 1.05505585257348e8,
  ThermUs: 1.054804e8,
  WattDay: 86400,
  WattHour: 3600,
};

/** Newtons. */
const FORCE: Record<string, number> = {
  Decanewton: 10,
  Dyn: 1e-5,
  KilogramForce: 9.80665,
  Kilonewton: 1e3,
  KiloPond: 9.80665,
  KilopoundForce: 4448.2216152605,
  Meganewton: 1e6,
  Micronewton: 1e-6,
  Millinewton: 1e-3,
  Newton: 1,
  OunceForce: 0.2780138509537812,
  Poundal: 0.138254954376,
  PoundForce: 4.4482216152605,
  ShortTonForce: 8896.443230521,
  TonneForce: 9806.65,
};

/** Meters. */
const LENGTH: Record<string, number> = {
  Angstrom: 1e-10,
  AstronomicalUnit: 1.495978707e11,
  Centimeter: 1e-2,
  Chain: 20.1168,
  DataMile: 1828.8,
  Decameter: 10,
  Decimeter: 0.1,
  DtpPica: INCH / 6,
  DtpPoint: INCH / 72,
  Fathom: 1.8288,
  Foot: FOOT,
  Hand: 0.1016,
  Hectometer: 100,
  Inch: INCH,
  KilolightYear: LIGHT_YEAR * 1e3,
  Kilometer: 1e3,
  Kiloparsec: PARSEC * 1e3,
  LightYear: LIGHT_YEAR,
  MegalightYear: LIGHT_YEAR * 1e6,
  Megaparsec: PARSEC * 1e6,
  Meter: 1,
  Microinch: INCH * 1e-6,
  Micrometer: 1e-6,
  Mil: INCH * 1e-3,
  Mile: 1609.344,
  Millimeter: 1e-3,
  Nanometer: 1e-9,
  NauticalMile: 1852,
  Parsec: PARSEC,
  PrinterPica: INCH / 6.0225,
  PrinterPoint: INCH / 72.27,
  Shackle: 27.432,
  SolarRadius: 6.957e8,
  Twip: INCH / 1440,
  UsSurveyFoot: US_SURVEY_FOOT,
  Yard: 0.9144,
};

/** Kilograms. */
const MASS: Record<string, number> = {
  Centigram: 1e-5,
  Decagram: 1e-2,
  Decigram: 1e-4,
  EarthMass: 5.9722e24,
  Grain: 6.479891e-5,
  Gram: 1e-3,
  Hectogram: 0.1,
  Kilogram: 1,
  Kilopound: POUND * 1e3,
  Kilotonne: 1e6,
  LongHundredweight: 50.80234544,
  LongTon: 1016.0469088,
  Megapound: POUND * 1e6,
  Megatonne: 1e9,
  Microgram: 1e-9,
  Milligram: 1e-6,
  Nanogram: 1e-12,
  Ounce: 0.028349523125,
  Pound: POUND,
  ShortHundredweight: 45.359237,
  ShortTon: 907.18474,
  Slug: 14.593902937206,
  SolarMass: 1.98947e30,
  Stone: 6.35029318,
  Tonne: 1000,
};

/** Meters per second: every length per second, minute and hour, and the knot. */
const SPEED: Record<string, number> = { Knot: 1852 / 3600, MilePerHour: 1609.344 / 3600 };
const SPEED_LENGTHS: Record<string, number> = {
  Centimeter: 1e-2,
  Decimeter: 0.1,
  Foot: FOOT,
  Inch: INCH,
  Kilometer: 1e3,
  Meter: 1,
  Micrometer: 1e-6,
  Millimeter: 1e-3,
  Nanometer: 1e-9,
  UsSurveyFoot: US_SURVEY_FOOT,
  Yard: 0.9144,
};
for (const [length, meters] of Object.entries(SPEED_LENGTHS)) {
  SPEED[`${length}PerSecond`] = meters;
  SPEED[`${length}PerMinute`] = meters / 60;
  SPEED[`${length}PerHour`] = meters / 3600;
}

/** Cubic meters. */
const VOLUME: Record<string, number> = {
  // The real engine converts with 0.000810714 acre-feet per cubic meter [convert-volume-function-00].
  AcreFoot: 1 / 0.000810714,
  AuTablespoon: 2e-5,
  BoardFoot: 2.3597372158e-3,
  Centiliter: 1e-5,
  CubicCentimeter: 1e-6,
  CubicDecimeter: 1e-3,
  CubicFoot: CUBIC_FOOT,
  CubicHectometer: 1e6,
  CubicInch: INCH ** 3,
  CubicKilometer: 1e9,
  CubicMeter: 1,
  CubicMicrometer: 1e-18,
  CubicMile: 1609.344 ** 3,
  CubicMillimeter: 1e-9,
  CubicYard: 0.9144 ** 3,
  Decaliter: 1e-2,
  DecausGallon: US_GALLON * 10,
  Deciliter: 1e-4,
  DeciusGallon: US_GALLON / 10,
  HectocubicFoot: CUBIC_FOOT * 100,
  HectocubicMeter: 100,
  Hectoliter: 0.1,
  HectousGallon: US_GALLON * 100,
  ImperialBeerBarrel: 0.16365924,
  ImperialGallon: IMPERIAL_GALLON,
  ImperialOunce: IMPERIAL_GALLON / 160,
  ImperialPint: IMPERIAL_GALLON / 8,
  KilocubicFoot: CUBIC_FOOT * 1e3,
  KilocubicMeter: 1e3,
  KiloimperialGallon: IMPERIAL_GALLON * 1e3,
  Kiloliter: 1,
  KilousGallon: US_GALLON * 1e3,
  Liter: 1e-3,
  MegacubicFoot: CUBIC_FOOT * 1e6,
  MegaimperialGallon: IMPERIAL_GALLON * 1e6,
  Megaliter: 1e3,
  MegausGallon: US_GALLON * 1e6,
  MetricCup: 2.5e-4,
  MetricTeaspoon: 5e-6,
  Microliter: 1e-9,
  Milliliter: 1e-6,
  OilBarrel: US_GALLON * 42,
  UkTablespoon: 1.5e-5,
  UsBeerBarrel: US_GALLON * 31,
  UsCustomaryCup: US_GALLON / 16,
  UsGallon: US_GALLON,
  UsLegalCup: 2.4e-4,
  UsOunce: US_GALLON / 128,
  UsPint: US_GALLON / 8,
  UsQuart: US_GALLON / 4,
  UsTablespoon: US_GALLON / 256,
  UsTeaspoon: US_GALLON / 768,
};

/** Temperature scales: to and from kelvins. */
const TEMPERATURE: Record<string, { toK: (x: number) => number; fromK: (k: number) => number }> = {
  DegreeCelsius: { toK: (c) => c + 273.15, fromK: (k) => k - 273.15 },
  DegreeDelisle: { toK: (d) => 373.15 - (d * 2) / 3, fromK: (k) => ((373.15 - k) * 3) / 2 },
  DegreeFahrenheit: { toK: (f) => ((f + 459.67) * 5) / 9, fromK: (k) => (k * 9) / 5 - 459.67 },
  DegreeNewton: { toK: (n) => (n * 100) / 33 + 273.15, fromK: (k) => ((k - 273.15) * 33) / 100 },
  DegreeRankine: { toK: (r) => (r * 5) / 9, fromK: (k) => (k * 9) / 5 },
  DegreeReaumur: { toK: (r) => (r * 5) / 4 + 273.15, fromK: (k) => ((k - 273.15) * 4) / 5 },
  DegreeRoemer: { toK: (r) => ((r - 7.5) * 40) / 21 + 273.15, fromK: (k) => ((k - 273.15) * 21) / 40 + 7.5 },
  Kelvin: { toK: (k) => k, fromK: (k) => k },
  MillidegreeCelsius: { toK: (m) => m / 1000 + 273.15, fromK: (k) => (k - 273.15) * 1000 },
  SolarTemperature: { toK: (s) => s * 5778, fromK: (k) => k / 5778 },
};

function linear(name: string, quantity: string, units: Record<string, number>): ScalarFunction {
  return scalar({
    name,
    description: `${name}(value, from, to): a ${quantity} converted between units ('${Object.keys(units)[0]}', ...).`,
    bind([v]) {
      const read = realArg(v?.type ?? 'real');
      return eager((x: unknown, from: string, to: string) => {
        const value = read(x);
        const a = Object.hasOwn(units, from) ? units[from] : undefined;
        const b = Object.hasOwn(units, to) ? units[to] : undefined;
        return value === null || a === undefined || b === undefined ? null : (value * a) / b;
      });
    },
  });
}

export const unitFunctions: readonly ScalarFunction[] = [
  linear('convert_angle', 'angle', ANGLE),
  linear('convert_energy', 'energy', ENERGY),
  linear('convert_force', 'force', FORCE),
  linear('convert_length', 'length', LENGTH),
  linear('convert_mass', 'mass', MASS),
  linear('convert_speed', 'speed', SPEED),
  linear('convert_volume', 'volume', VOLUME),
  scalar({
    name: 'convert_temperature',
    description:
      "convert_temperature(value, from, to): a temperature converted between scales ('Kelvin', ...).",
    bind([v]) {
      const read = realArg(v?.type ?? 'real');
      return eager((x: unknown, from: string, to: string) => {
        const value = read(x);
        const a = Object.hasOwn(TEMPERATURE, from) ? TEMPERATURE[from] : undefined;
        const b = Object.hasOwn(TEMPERATURE, to) ? TEMPERATURE[to] : undefined;
        return value === null || !a || !b ? null : b.fromK(a.toK(value));
      });
    },
  }),
];
