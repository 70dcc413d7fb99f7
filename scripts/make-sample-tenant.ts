/**
 * Regenerates examples/sample-tenant: the small simulated tenant `npm start` hunts over (12 users, 16 days
 * ending 2026-10-21, the suspicious app active on the last day). Run: npm run build && node dist/scripts/make-sample-tenant.js
 */
import { rm } from 'node:fs/promises';
import { parseDateTime } from '../src/engine/values/datetime.js';
import { writeTenantJsonl } from '../src/sim/write.js';

const dir = 'examples/sample-tenant';
await rm(dir, { recursive: true, force: true });
const end = parseDateTime('2026-10-21T00:00:00Z') as bigint;
const written = await writeTenantJsonl(
  dir,
  { seed: 7, users: 12, days: 16, end, eventsPerUserPerDay: 6 },
  true,
);
console.log(
  `${dir}: ${written.rows} records in ${written.files.length} files (${(written.bytes / 1e6).toFixed(1)} MB of JSON)`,
);
