/**
 * Every table kqlhunt declares, by name. Queries bind against all of them; a table the logs hold no rows for
 * reads as empty (with a notice), as it would in a workspace without that connector.
 */
import { AAD_NONINTERACTIVE_USER_SIGNIN_LOGS } from './aad-noninteractive-user-signin-logs.js';
import { AAD_SERVICE_PRINCIPAL_SIGNIN_LOGS } from './aad-service-principal-signin-logs.js';
import { AUDIT_LOGS } from './auditlogs.js';
import { BEHAVIOR_ANALYTICS } from './behavioranalytics.js';
import { IDENTITY_INFO } from './identityinfo.js';
import { SECURITY_ALERT } from './securityalert.js';
import { SIGNIN_LOGS } from './signinlogs.js';
import type { TableSchema } from './table-schema.js';

export const TABLES: readonly TableSchema[] = [
  AUDIT_LOGS,
  SIGNIN_LOGS,
  AAD_NONINTERACTIVE_USER_SIGNIN_LOGS,
  AAD_SERVICE_PRINCIPAL_SIGNIN_LOGS,
  IDENTITY_INFO,
  SECURITY_ALERT,
  BEHAVIOR_ANALYTICS,
];

export function findTable(name: string): TableSchema | undefined {
  return TABLES.find((t) => t.name === name);
}
