/**
 * The Log Analytics `AuditLogs` table (Microsoft Entra ID audit events): its columns and types, in the order
 * a real Log Analytics export shows them. Source: Microsoft's table reference (azure-monitor-ref
 * tables/auditlogs), checked against a real export.
 */
import type { TableSchema } from './table-schema.js';

export const AUDIT_LOGS: TableSchema = {
  name: 'AuditLogs',
  description: 'Microsoft Entra ID audit events.',
  columns: [
    {
      name: 'TenantId',
      type: 'string',
      description:
        'Log Analytics workspace ID (standard column; observed in exports, omitted from docs table)',
    },
    { name: 'SourceSystem', type: 'string', description: "Observed value 'Azure AD'" },
    {
      name: 'TimeGenerated',
      type: 'datetime',
      description: "Date and time the record was created (UTC). Equals diagnostic 'time'.",
    },
    {
      name: 'ResourceId',
      type: 'string',
      description: 'e.g. /tenants/<tenantId>/providers/Microsoft.aadiam',
    },
    { name: 'OperationName', type: 'string', description: 'Name of the operation (== activityDisplayName)' },
    {
      name: 'OperationVersion',
      type: 'string',
      description: "REST API version requested by client (observed '1.0')",
    },
    {
      name: 'Category',
      type: 'string',
      description: 'Audit category from Graph (UserManagement, ApplicationManagement, ...)',
    },
    {
      name: 'ResultType',
      type: 'string',
      description: 'Result of the operation (Success/Failure); often empty',
    },
    { name: 'ResultSignature', type: 'string', description: "Not used (observed 'None')" },
    { name: 'ResultDescription', type: 'string', description: 'Additional description of the result' },
    { name: 'DurationMs', type: 'long', description: 'Not used (0)' },
    { name: 'CorrelationId', type: 'string', description: 'GUID correlating related operations' },
    { name: 'Resource', type: 'string', description: "Observed 'Microsoft.aadiam'" },
    { name: 'ResourceGroup', type: 'string', description: "Observed 'Microsoft.aadiam'" },
    { name: 'ResourceProvider', type: 'string', description: '' },
    {
      name: 'Identity',
      type: 'string',
      description:
        "Identity from token (display name of user/app, e.g. 'Managed Service Identity', 'MS-PIM')",
    },
    { name: 'Level', type: 'string', description: "Observed '4' (Informational)" },
    { name: 'Location', type: 'string', description: 'Datacenter location (often empty)' },
    { name: 'AdditionalDetails', type: 'dynamic', description: 'Array of {key,value}' },
    {
      name: 'Id',
      type: 'string',
      description: 'Unique activity id, e.g. Directory_<correlationId>_<xxxxx>_<n>',
    },
    {
      name: 'InitiatedBy',
      type: 'dynamic',
      description:
        '{user:{id,displayName,userPrincipalName,ipAddress,roles,...}} or {app:{appId,displayName,servicePrincipalId,servicePrincipalName}}',
    },
    {
      name: 'LoggedByService',
      type: 'string',
      description: 'Core Directory, PIM, Self-service Password Management, B2C, Invited Users, ...',
    },
    { name: 'Result', type: 'string', description: 'success | failure | timeout | unknownFutureValue' },
    { name: 'ResultReason', type: 'string', description: 'Cause of failure or timeout' },
    {
      name: 'TargetResources',
      type: 'dynamic',
      description:
        'Array of {id,displayName,type,userPrincipalName,groupType,modifiedProperties[{displayName,oldValue,newValue}],administrativeUnits[]}',
    },
    { name: 'AADTenantId', type: 'string', description: 'Entra tenant ID' },
    {
      name: 'ActivityDisplayName',
      type: 'string',
      description: "Activity name (e.g. 'Add member to group')",
    },
    { name: 'ActivityDateTime', type: 'datetime', description: 'When the activity was performed (UTC)' },
    {
      name: 'AADOperationType',
      type: 'string',
      description: 'Add | Update | Delete | Assign | Unassign | Other (Graph operationType)',
    },
    { name: 'Type', type: 'string', description: "Table name: 'AuditLogs'" },
    { name: '_BilledSize', type: 'real', description: 'Record size in bytes (standard hidden column)' },
    {
      name: '_IsBillable',
      type: 'string',
      description: 'Whether ingestion is billable (standard hidden column)',
    },
  ],
};
