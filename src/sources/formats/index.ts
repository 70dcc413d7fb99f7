/**
 * Every input format kqlhunt reads, in detection order: the JSON formats that know their record shape come
 * before the Log Analytics JSON-lines reader, whose own test (two column names on the first line) would
 * also accept a PowerShell object's line.
 */
import type { FileFormat } from '../format.js';
import { diagnosticJson, graphJson, logAnalyticsJson, powerShellJson } from './json-records.js';
import { logAnalyticsApiJson } from './log-analytics-api.js';
import { logAnalyticsCsv } from './log-analytics-csv.js';
import { logAnalyticsJsonLines } from './log-analytics-rows.js';

export const FORMATS: readonly FileFormat[] = [
  logAnalyticsApiJson,
  graphJson,
  powerShellJson,
  diagnosticJson,
  logAnalyticsJson,
  logAnalyticsJsonLines,
  logAnalyticsCsv,
];

export function detectFormat(head: string, path: string): FileFormat | undefined {
  return FORMATS.find((f) => f.detect(head, path));
}
