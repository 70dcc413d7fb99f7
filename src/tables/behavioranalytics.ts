/**
 * The Sentinel `BehaviorAnalytics` table: user and entity behaviour analytics (UEBA) events, enriched with
 * insights and an investigation priority. Columns and types from Microsoft's Azure Monitor table reference
 * (MicrosoftDocs/azure-reference-other, azure-monitor-ref/tables/includes/behavioranalytics-include.md,
 * 2024-07), in its (alphabetical) order.
 */
import { tableSchema } from './table-schema.js';

export const BEHAVIOR_ANALYTICS = tableSchema('BehaviorAnalytics', 'Microsoft Sentinel UEBA events.', [
  ['ActionType', 'string', "e.g. 'Sign-in'"],
  ['ActivityInsights', 'dynamic'],
  ['ActivityType', 'string'],
  ['ActorName', 'string'],
  ['ActorPrincipalName', 'string'],
  ['_BilledSize', 'real'],
  ['DestinationDevice', 'string'],
  ['DestinationIPAddress', 'string'],
  ['DestinationIPLocation', 'string'],
  ['Device', 'string'],
  ['DevicesInsights', 'dynamic'],
  ['EventProductVersion', 'string'],
  ['EventSource', 'string'],
  ['EventVendor', 'string'],
  ['InvestigationPriority', 'int', 'Investigation priority score (0-10)'],
  ['_IsBillable', 'string'],
  ['NativeTableName', 'string'],
  ['_ResourceId', 'string'],
  ['SourceDevice', 'string'],
  ['SourceIPAddress', 'string'],
  ['SourceIPLocation', 'string'],
  ['SourceRecordId', 'string'],
  ['SourceSystem', 'string'],
  ['_SubscriptionId', 'string'],
  ['TargetName', 'string'],
  ['TargetPrincipalName', 'string'],
  ['TenantId', 'string'],
  ['TimeGenerated', 'datetime'],
  ['TimeProcessed', 'datetime'],
  ['Type', 'string', "Table name: 'BehaviorAnalytics'"],
  ['UserName', 'string'],
  ['UserPrincipalName', 'string'],
  ['UsersInsights', 'dynamic'],
]);
