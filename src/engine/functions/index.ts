/** The scalar function registry of one engine instance, built from every family's declarations. */
import { arithmeticFunctions } from './arithmetic.js';
import { arrayFunctions } from './array.js';
import { bagFunctions } from './bag.js';
import { comparisonFunctions } from './comparison.js';
import { conversionFunctions } from './conversion.js';
import { datetimeFunctions } from './datetime.js';
import { datetimeFormatFunctions } from './datetime-format.js';
import { datetimePartFunctions } from './datetime-parts.js';
import { dynamicFunctions } from './dynamic.js';
import { encodingFunctions } from './encoding.js';
import { hashFunctions } from './hash.js';
import { ipFunctions } from './ip.js';
import { logicalFunctions } from './logical.js';
import { mathFunctions } from './math.js';
import { parseFunctions } from './parse.js';
import { regexFunctions } from './regex.js';
import { FunctionRegistry } from './registry.js';
import { sketchFunctions } from './sketch.js';
import { stringFunctions } from './string.js';
import { stringOperatorFunctions } from './string-operators.js';
import { timezoneFunctions } from './timezone.js';
import { unitFunctions } from './units.js';

export function createFunctionRegistry(): FunctionRegistry {
  return new FunctionRegistry([
    arithmeticFunctions,
    arrayFunctions,
    bagFunctions,
    comparisonFunctions,
    conversionFunctions,
    datetimeFunctions,
    datetimeFormatFunctions,
    datetimePartFunctions,
    dynamicFunctions,
    encodingFunctions,
    hashFunctions,
    ipFunctions,
    logicalFunctions,
    mathFunctions,
    parseFunctions,
    regexFunctions,
    sketchFunctions,
    stringFunctions,
    stringOperatorFunctions,
    timezoneFunctions,
    unitFunctions,
  ]);
}
