/** Every input format kqlhunt reads, in detection order. */
import type { FileFormat } from '../format.js';
import { logAnalyticsJsonLines } from './log-analytics-rows.js';

export const FORMATS: readonly FileFormat[] = [logAnalyticsJsonLines];

export function detectFormat(head: string, path: string): FileFormat | undefined {
  return FORMATS.find((f) => f.detect(head, path));
}
