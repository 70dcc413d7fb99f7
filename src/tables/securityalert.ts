/**
 * The Log Analytics `SecurityAlert` table: alerts raised by Microsoft security products and Sentinel
 * analytics. Columns and types from Microsoft's Azure Monitor table reference
 * (MicrosoftDocs/azure-reference-other, azure-monitor-ref/tables/includes/securityalert-include.md, 2024-02),
 * in its (alphabetical) order. TenantId, the workspace column every Log Analytics table has, is missing from
 * that page and is added first. Entities and ExtendedProperties are strings holding JSON.
 */
import { tableSchema } from './table-schema.js';

export const SECURITY_ALERT = tableSchema('SecurityAlert', 'Alerts from Microsoft security products.', [
  ['TenantId', 'string', 'Log Analytics workspace ID (standard column; not listed on the reference page)'],
  ['AlertLink', 'string'],
  ['AlertName', 'string'],
  ['AlertSeverity', 'string'],
  ['AlertType', 'string'],
  ['_BilledSize', 'real'],
  ['CompromisedEntity', 'string'],
  ['ConfidenceLevel', 'string'],
  ['ConfidenceScore', 'real'],
  ['Description', 'string'],
  ['DisplayName', 'string'],
  ['EndTime', 'datetime'],
  ['Entities', 'string', 'JSON text: an array of entities'],
  ['ExtendedLinks', 'string'],
  ['ExtendedProperties', 'string', 'JSON text: a property bag'],
  ['_IsBillable', 'string'],
  ['IsIncident', 'bool'],
  ['ProcessingEndTime', 'datetime'],
  ['ProductComponentName', 'string'],
  ['ProductName', 'string'],
  ['ProviderName', 'string', "e.g. 'IPC' (Entra ID Protection)"],
  ['RemediationSteps', 'string'],
  ['ResourceId', 'string'],
  ['SourceComputerId', 'string'],
  ['StartTime', 'datetime'],
  ['Status', 'string'],
  ['SubTechniques', 'string'],
  ['SystemAlertId', 'string'],
  ['Tactics', 'string'],
  ['Techniques', 'string'],
  ['TimeGenerated', 'datetime'],
  ['Type', 'string', "Table name: 'SecurityAlert'"],
  ['VendorName', 'string'],
  ['VendorOriginalId', 'string'],
  ['WorkspaceResourceGroup', 'string'],
  ['WorkspaceSubscriptionId', 'string'],
]);
