-- The flagship hunt (Rare Audit activity initiated by App) written as DuckDB SQL over the same JSON lines,
-- to give the same rows as the KQL rule: the benchmark checks the row counts match.
-- {{FILES}}: a glob of the input files; {{START}}: the hunt's starttime (the window's start).
WITH src AS (
  SELECT * FROM read_json('{{FILES}}', format = 'newline_delimited', columns = {
    TimeGenerated: 'TIMESTAMP', OperationName: 'VARCHAR', Category: 'VARCHAR', Id: 'VARCHAR',
    CorrelationId: 'VARCHAR', Type: 'VARCHAR', InitiatedBy: 'JSON', TargetResources: 'JSON'})
),
base AS (
  SELECT TimeGenerated, OperationName, Category, Id, CorrelationId, Type,
    json_extract_string(InitiatedBy, '$.app.displayName') AS InitiatedByApp,
    coalesce(json_extract_string(InitiatedBy, '$.app.ipAddress'), '') AS InitiatedByIpAddress,
    lower(coalesce(json_extract_string(TargetResources, '$[0].userPrincipalName'), '')) AS TargetUserPrincipalName,
    lower(coalesce(json_extract_string(TargetResources, '$[0].displayName'), '')) AS TargetResourceName,
    json_extract(TargetResources, '$[0].modifiedProperties') AS ModProps
  FROM src
  WHERE coalesce(json_extract_string(InitiatedBy, '$.app.displayName'), '') <> ''
    AND TimeGenerated >= TIMESTAMP '{{START}}' - INTERVAL 14 DAY
),
expanded AS (
  SELECT b.* EXCLUDE (ModProps),
    coalesce(json_extract_string(mp.value, '$.displayName'), '') AS PropertyName,
    json_extract_string(mp.value, '$.newValue') AS nv
  FROM base b, json_each(b.ModProps) mp
),
props AS (
  SELECT * EXCLUDE (nv),
    CASE WHEN nv IS NOT NULL AND json_valid(nv) AND json_type(nv::JSON) = 'ARRAY'
         THEN coalesce(json_extract_string(nv::JSON, '$[0]'), '') ELSE '' END AS newValue
  FROM expanded
),
filtered AS (
  SELECT * FROM props
  WHERE newValue <> ''
    AND lower(PropertyName) NOT IN ('targetid.usertype', 'stsrefreshtokensvalidfrom', 'lastdirsynctime', 'deviceosversion', 'clouddeviceosversion', 'deviceobjectversion')
    AND lower(PropertyName) <> 'action client name' AND lower(newValue) <> 'directorysync'
    AND lower(PropertyName) <> 'included updated properties' AND lower(newValue) <> 'lastdirsynctime'
    AND lower(InitiatedByApp) <> 'microsoft azure ad group-based licensing'
    AND lower(OperationName) <> 'change user license'
),
audit_trail AS (
  SELECT DISTINCT OperationName, InitiatedByApp, TargetUserPrincipalName, InitiatedByIpAddress
  FROM filtered
  WHERE TimeGenerated BETWEEN TIMESTAMP '{{START}}' - INTERVAL 14 DAY AND TIMESTAMP '{{START}}'
),
account_mods AS (
  SELECT Type, InitiatedByApp, TargetUserPrincipalName, InitiatedByIpAddress, TargetResourceName, Category, OperationName, PropertyName,
    min(TimeGenerated) AS StartTimeUtc, max(TimeGenerated) AS EndTimeUtc,
    any_value(json_object('PropertyName', PropertyName, 'newValue', newValue, 'Id', Id, 'CorrelationId', CorrelationId)) AS Activity
  FROM filtered
  WHERE TimeGenerated >= TIMESTAMP '{{START}}'
  GROUP BY ALL
),
rare AS (
  SELECT a.* FROM account_mods a
  WHERE NOT EXISTS (SELECT 1 FROM audit_trail t
    WHERE t.OperationName = a.OperationName AND t.InitiatedByApp = a.InitiatedByApp
      AND t.InitiatedByIpAddress = a.InitiatedByIpAddress AND t.TargetUserPrincipalName = a.TargetUserPrincipalName)
)
SELECT InitiatedByApp, OperationName, TargetUserPrincipalName, InitiatedByIpAddress, TargetResourceName,
  min(StartTimeUtc) AS StartTime, max(EndTimeUtc) AS EndTime,
  list(DISTINCT Activity) AS set_Activity, list(DISTINCT PropertyName) AS set_PropertyName,
  min(StartTimeUtc) AS timestamp, TargetUserPrincipalName AS AccountCustomEntity,
  CASE WHEN list_has_any(list(DISTINCT PropertyName), ['DeviceOSType', 'CloudDeviceOSType']) THEN TargetResourceName ELSE '' END AS HostCustomEntity,
  InitiatedByIpAddress AS IPCustomEntity
FROM rare
GROUP BY InitiatedByApp, OperationName, TargetUserPrincipalName, InitiatedByIpAddress, TargetResourceName
ORDER BY TargetUserPrincipalName ASC, StartTime ASC
