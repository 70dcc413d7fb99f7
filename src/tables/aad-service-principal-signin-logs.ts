/**
 * The Log Analytics `AADServicePrincipalSignInLogs` table: sign-ins by applications (service principals) with
 * their own credentials. Columns and types from Microsoft's Azure Monitor table reference
 * (MicrosoftDocs/azure-reference-other, azure-monitor-ref/tables/includes/
 * aadserviceprincipalsigninlogs-include.md, 2024-07), in its (alphabetical) order.
 */
import { tableSchema } from './table-schema.js';

export const AAD_SERVICE_PRINCIPAL_SIGNIN_LOGS = tableSchema(
  'AADServicePrincipalSignInLogs',
  'Microsoft Entra ID service principal sign-ins.',
  [
    ['AppId', 'string'],
    ['AuthenticationContextClassReferences', 'string'],
    ['AuthenticationProcessingDetails', 'string'],
    ['_BilledSize', 'real'],
    ['Category', 'string'],
    ['ConditionalAccessPolicies', 'string'],
    ['ConditionalAccessStatus', 'string'],
    ['CorrelationId', 'string'],
    ['DurationMs', 'long'],
    ['FederatedCredentialId', 'string'],
    ['Id', 'string'],
    ['Identity', 'string'],
    ['IPAddress', 'string'],
    ['_IsBillable', 'string'],
    ['Level', 'string'],
    ['Location', 'string'],
    ['LocationDetails', 'string', 'JSON text'],
    ['OperationName', 'string'],
    ['OperationVersion', 'string'],
    ['ResourceDisplayName', 'string'],
    ['ResourceGroup', 'string'],
    ['ResourceIdentity', 'string'],
    ['ResourceServicePrincipalId', 'string'],
    ['ResultDescription', 'string'],
    ['ResultSignature', 'string'],
    ['ResultType', 'string'],
    ['ServicePrincipalCredentialKeyId', 'string'],
    ['ServicePrincipalCredentialThumbprint', 'string'],
    ['ServicePrincipalId', 'string'],
    ['ServicePrincipalName', 'string'],
    ['SourceSystem', 'string'],
    ['TenantId', 'string'],
    ['TimeGenerated', 'datetime'],
    ['Type', 'string', "Table name: 'AADServicePrincipalSignInLogs'"],
    ['UniqueTokenIdentifier', 'string'],
  ],
);
