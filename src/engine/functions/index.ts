/** The scalar function registry of one engine instance, built from every family's declarations. */
import { arithmeticFunctions } from './arithmetic.js';
import { comparisonFunctions } from './comparison.js';
import { conversionFunctions } from './conversion.js';
import { datetimeFunctions } from './datetime.js';
import { dynamicFunctions } from './dynamic.js';
import { logicalFunctions } from './logical.js';
import { FunctionRegistry } from './registry.js';
import { stringFunctions } from './string.js';
import { stringOperatorFunctions } from './string-operators.js';

export function createFunctionRegistry(): FunctionRegistry {
  return new FunctionRegistry([
    arithmeticFunctions,
    comparisonFunctions,
    conversionFunctions,
    datetimeFunctions,
    dynamicFunctions,
    logicalFunctions,
    stringFunctions,
    stringOperatorFunctions,
  ]);
}
