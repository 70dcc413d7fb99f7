/**
 * A simulated Entra ID tenant's audit log: deterministic (seeded), in time order, as Log Analytics
 * `AuditLogs` rows. Routine activity repeats every day — people editing users and groups, and apps
 * (licensing, device management, directory sync, PIM, HR provisioning) acting on the same objects — so the
 * flagship hunt's 14-day baseline covers it; on the last day an unfamiliar app appears and does what an
 * attacker's app would: adds credentials, a privileged role member, a new user. Records carry the fields and
 * sizes of real ones (~2 KB each).
 */
import { formatDateTime, TICKS_PER_DAY, TICKS_PER_SECOND } from '../engine/values/datetime.js';
import { guidFor, Random } from './random.js';

export interface TenantOptions {
  readonly seed?: number;
  readonly users?: number;
  readonly days?: number;
  /** The end of the last simulated day (exclusive), in ticks since 1970. */
  readonly end: bigint;
  /** Average audit events per user per day (real tenants: about 15). */
  readonly eventsPerUserPerDay?: number;
  /** Inject the suspicious app activity on the last day. */
  readonly anomalies?: boolean;
  readonly tenantId?: string;
}

export type AuditRow = Record<string, unknown>;

interface ModifiedProperty {
  displayName: string;
  oldValue: string | null;
  newValue: string | null;
}

interface Target {
  id: string;
  displayName: string | null;
  type: string;
  userPrincipalName?: string | null;
  modifiedProperties: ModifiedProperty[];
  groupType?: string;
  administrativeUnits: unknown[];
}

interface App {
  readonly name: string;
  readonly appId: string;
  readonly ip: string | null;
}

const APPS = {
  licensing: { name: 'Microsoft Azure AD Group-Based Licensing', appId: guidFor('licensing'), ip: null },
  intune: { name: 'Microsoft Intune', appId: guidFor('intune'), ip: null },
  deviceRegistration: { name: 'Device Registration Service', appId: guidFor('drs'), ip: null },
  sync: { name: 'Microsoft Entra Connect Sync', appId: guidFor('sync'), ip: '20.190.128.11' },
  pim: { name: 'MS-PIM', appId: guidFor('pim'), ip: null },
  teams: { name: 'Microsoft Teams Services', appId: guidFor('teams'), ip: null },
  exchange: { name: 'Office 365 Exchange Online', appId: guidFor('exo'), ip: null },
  hr: { name: 'Workday to Microsoft Entra ID provisioning', appId: guidFor('workday'), ip: '52.109.8.20' },
  rogue: { name: 'Backup Automation Service', appId: guidFor('rogue'), ip: '203.0.113.50' },
} satisfies Record<string, App>;

const FIRST = [
  'adele',
  'alex',
  'bianca',
  'carlos',
  'diego',
  'emma',
  'grady',
  'henrietta',
  'isaiah',
  'johanna',
  'joni',
  'lee',
  'lidia',
  'lynne',
  'megan',
  'miriam',
  'nestor',
  'patti',
  'pradeep',
  'raul',
];
const LAST = [
  'vance',
  'wilber',
  'lopez',
  'garcia',
  'siciliani',
  'archibald',
  'mueller',
  'langer',
  'lambert',
  'sherman',
  'bowen',
  'gu',
  'holloway',
  'steele',
  'bowers',
  'cox',
  'patel',
  'razor',
  'simpson',
  'li',
];
const GROUPS = [
  'All Company',
  'Finance',
  'Sales Team',
  'Engineering',
  'Helpdesk Operators',
  'Retail',
  'Mark 8 Project Team',
  'U.S. Sales',
];
const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15',
];

interface User {
  readonly upn: string;
  readonly displayName: string;
  readonly id: string;
  readonly device: string;
  readonly deviceId: string;
}

function prop(
  displayName: string,
  newValue: string | null,
  oldValue: string | null = '[]',
): ModifiedProperty {
  return { displayName, oldValue, newValue };
}

/** The record builder for one tenant: fixed identities, a seeded stream of events. */
class TenantSimulator {
  readonly users: User[];
  readonly admins: User[];
  private counter = 0;

  constructor(
    private readonly rnd: Random,
    private readonly tenantId: string,
    userCount: number,
    private readonly domain = 'contoso.com',
  ) {
    this.users = [];
    for (let i = 0; i < userCount; i++) {
      const first = FIRST[i % FIRST.length] as string;
      const last = LAST[Math.floor(i / FIRST.length) % LAST.length] as string;
      const n = Math.floor(i / (FIRST.length * LAST.length));
      const alias = `${first}.${last}${n > 0 ? n : ''}`;
      // Some UPNs are stored with capitals: the hunt lowercases them.
      const upn =
        i % 7 === 3
          ? `${alias[0]?.toUpperCase()}${alias.slice(1)}@${this.domain}`
          : `${alias}@${this.domain}`;
      this.users.push({
        upn,
        displayName: `${first[0]?.toUpperCase()}${first.slice(1)} ${last[0]?.toUpperCase()}${last.slice(1)}`,
        id: guidFor(alias),
        device: `DESKTOP-${guidFor(alias, 1).slice(0, 7).toUpperCase()}`,
        deviceId: guidFor(alias, 2),
      });
    }
    this.admins = this.users.slice(0, Math.max(1, Math.ceil(userCount / 50)));
  }

  private userTarget(u: User, props: ModifiedProperty[]): Target {
    return {
      id: u.id,
      displayName: null,
      type: 'User',
      userPrincipalName: u.upn,
      modifiedProperties: props,
      administrativeUnits: [],
    };
  }

  private groupTarget(name: string, props: ModifiedProperty[] = []): Target {
    return {
      id: guidFor(`group:${name}`),
      displayName: name,
      type: 'Group',
      groupType: 'unifiedGroups',
      modifiedProperties: props,
      administrativeUnits: [],
    };
  }

  private deviceTarget(u: User, props: ModifiedProperty[]): Target {
    return {
      id: u.deviceId,
      displayName: u.device,
      type: 'Device',
      modifiedProperties: props,
      administrativeUnits: [],
    };
  }

  private record(
    time: bigint,
    operation: string,
    category: string,
    operationType: string,
    initiatedBy: Record<string, unknown>,
    targets: Target[],
    service = 'Core Directory',
  ): AuditRow {
    const correlationId = this.rnd.guid();
    const id = `Directory_${correlationId.toUpperCase().replace(/-/g, '').slice(0, 5)}_${this.rnd.hex(6).toUpperCase()}_${this.counter++ % 100_000_000}`;
    const when = formatDateTime(time);
    return {
      TenantId: this.tenantId,
      SourceSystem: 'Azure AD',
      TimeGenerated: when,
      ResourceId: `/tenants/${this.tenantId}/providers/Microsoft.aadiam`,
      OperationName: operation,
      OperationVersion: '1.0',
      Category: category,
      ResultSignature: 'None',
      DurationMs: 0,
      CorrelationId: correlationId,
      Resource: 'Microsoft.aadiam',
      ResourceGroup: 'Microsoft.aadiam',
      Identity: ((initiatedBy.user ?? initiatedBy.app) as { displayName: string }).displayName,
      Level: '4',
      AdditionalDetails: [
        { key: 'User-Agent', value: this.rnd.pick(USER_AGENTS) },
        { key: 'RequestId', value: this.rnd.guid() },
      ],
      Id: id,
      InitiatedBy: initiatedBy,
      LoggedByService: service,
      Result: 'success',
      ResultReason: '',
      TargetResources: targets,
      AADTenantId: this.tenantId,
      ActivityDisplayName: operation,
      ActivityDateTime: when,
      AADOperationType: operationType,
      Type: 'AuditLogs',
    };
  }

  private byApp(app: App): Record<string, unknown> {
    return {
      app: {
        appId: app.appId,
        displayName: app.name,
        servicePrincipalId: guidFor(`sp:${app.name}`),
        servicePrincipalName: null,
        ...(app.ip ? { ipAddress: app.ip } : {}),
      },
    };
  }

  private byUser(u: User): Record<string, unknown> {
    return {
      user: {
        id: u.id,
        displayName: u.displayName,
        userPrincipalName: u.upn,
        ipAddress: `10.${this.rnd.int(250)}.${this.rnd.int(250)}.${this.rnd.int(250)}`,
        roles: [],
      },
    };
  }

  /** One routine event about user `u` at `time`: the same kinds every day, so the baseline knows them. */
  routine(time: bigint, u: User, dayIndex: number): AuditRow {
    const r = this.rnd.int(100);
    if (r < 30) {
      const admin = this.rnd.pick(this.admins);
      return this.record(time, 'Update user', 'UserManagement', 'Update', this.byUser(admin), [
        this.userTarget(u, [
          prop('Department', `["${this.rnd.pick(['Finance', 'Sales', 'Engineering'])}"]`),
          prop('Included Updated Properties', '"Department"', '""'),
        ]),
      ]);
    }
    if (r < 42) {
      return this.record(
        time,
        'Change user license',
        'UserManagement',
        'Update',
        this.byApp(APPS.licensing),
        [
          this.userTarget(u, [
            prop(
              'AssignedLicense',
              '["[SkuName=ENTERPRISEPACK, AccountId=..., SkuId=6fd2c87f, DisabledPlans=[]]"]',
            ),
          ]),
        ],
      );
    }
    if (r < 50) {
      return this.record(time, 'Update user', 'UserManagement', 'Update', this.byApp(APPS.licensing), [
        this.userTarget(u, [
          prop(
            'AssignedPlan',
            '[{"SubscribedPlanId":"4a82b400","ServiceInstance":"exchange/eu","CapabilityStatus":0,"Capability":"MailboxPremium"}]',
          ),
        ]),
      ]);
    }
    if (r < 62) {
      // Intune refreshes each user's device every day; the OS version changes are ignored by the hunt.
      return this.record(time, 'Update device', 'Device', 'Update', this.byApp(APPS.intune), [
        this.deviceTarget(u, [
          prop('DeviceOSVersion', `["10.0.2263${dayIndex % 10}.${this.rnd.int(4000)}"]`),
          prop('DeviceOSType', '["Windows"]'),
          prop('Included Updated Properties', '"DeviceOSVersion, DeviceOSType"'),
        ]),
      ]);
    }
    if (r < 72) {
      return this.record(time, 'Update user', 'UserManagement', 'Update', this.byApp(APPS.sync), [
        this.userTarget(u, [
          prop('LastDirSyncTime', `["${formatDateTime(time).slice(0, 19)}Z"]`),
          prop('Included Updated Properties', '"LastDirSyncTime"'),
          prop('Action Client Name', '"DirectorySync"'),
        ]),
      ]);
    }
    if (r < 78) {
      return this.record(time, 'Update user', 'UserManagement', 'Update', this.byApp(APPS.exchange), [
        this.userTarget(u, [
          prop('ProxyAddresses', `["SMTP:${u.upn.toLowerCase()}"]`),
          prop('StsRefreshTokensValidFrom', '["2026-01-01T00:00:00Z"]'),
        ]),
      ]);
    }
    if (r < 86) {
      const group = GROUPS[this.users.indexOf(u) % GROUPS.length] as string;
      return this.record(time, 'Add member to group', 'GroupManagement', 'Assign', this.byApp(APPS.teams), [
        this.userTarget(u, [
          prop('Group.ObjectID', `"${guidFor(`group:${group}`)}"`, null),
          prop('Group.DisplayName', `"${group}"`, null),
        ]),
        this.groupTarget(group),
      ]);
    }
    if (r < 90) {
      return this.record(
        time,
        'Add member to role completed (PIM activation)',
        'RoleManagement',
        'Assign',
        this.byApp(APPS.pim),
        [
          this.userTarget(u, [
            prop('Role.DisplayName', '"Helpdesk Administrator"', null),
            prop('Role.TemplateId', '"729827e3-9c14-49f7-bb1b-9608f156bbb8"', null),
          ]),
        ],
        'PIM',
      );
    }
    if (r < 95) {
      return this.record(time, 'Update user', 'UserManagement', 'Update', this.byApp(APPS.hr), [
        this.userTarget(u, [
          prop('JobTitle', `["${this.rnd.pick(['Analyst', 'Engineer', 'Manager'])}"]`),
          prop('TargetId.UserType', '"Member"'),
        ]),
      ]);
    }
    const admin = this.rnd.pick(this.admins);
    return this.record(time, 'Update group', 'GroupManagement', 'Update', this.byUser(admin), [
      this.groupTarget(this.rnd.pick(GROUPS), [prop('Description', '["Updated by admin"]')]),
    ]);
  }

  /** The suspicious app's activity: nothing like it in the baseline. */
  anomalies(dayStart: bigint): AuditRow[] {
    const at = (h: number, m: number, extraTicks = 0n) =>
      dayStart + BigInt(h * 3600 + m * 60) * TICKS_PER_SECOND + extraTicks;
    const victim = this.users[Math.min(5, this.users.length - 1)] as User;
    const rogue = this.byApp(APPS.rogue);
    const newUser: User = {
      upn: `svc-backup@${this.domain}`,
      displayName: 'svc-backup',
      id: guidFor('svc-backup'),
      device: 'BACKUP-01',
      deviceId: guidFor('backup-device'),
    };
    return [
      this.record(at(2, 13, 1234567n), 'Add user', 'UserManagement', 'Add', rogue, [
        this.userTarget(newUser, [
          prop('AccountEnabled', '[true]'),
          prop('DisplayName', '["svc-backup"]'),
          prop('UserType', '["Member"]'),
        ]),
      ]),
      this.record(at(2, 14), 'Add member to role', 'RoleManagement', 'Assign', rogue, [
        this.userTarget(newUser, [
          prop('Role.DisplayName', '"Global Administrator"', null),
          prop('Role.TemplateId', '"62e90394-69f5-4237-9190-012177145e10"', null),
        ]),
      ]),
      this.record(at(2, 21), 'Update user', 'UserManagement', 'Update', rogue, [
        this.userTarget(victim, [
          prop('StrongAuthenticationMethod', '[{"MethodType":6,"Default":true}]'),
          prop('Included Updated Properties', '"StrongAuthenticationMethod"'),
        ]),
      ]),
      this.record(at(3, 2), 'Update device', 'Device', 'Update', this.byApp(APPS.deviceRegistration), [
        this.deviceTarget(newUser, [
          prop('DeviceOSType', '["Windows"]'),
          prop('CloudDeviceOSType', '["Windows"]'),
          prop('DeviceTrustType', '["ServerAd"]'),
        ]),
      ]),
    ];
  }
}

/** The tenant's rows, in time order, one day at a time (bounded memory for any size). */
export function* generateTenant(options: TenantOptions): Generator<AuditRow> {
  const rnd = new Random(options.seed ?? 1);
  const tenantId = options.tenantId ?? guidFor(`tenant:${options.seed ?? 1}`);
  const userCount = options.users ?? 40;
  const days = options.days ?? 16;
  const perUser = options.eventsPerUserPerDay ?? 15;
  const sim = new TenantSimulator(rnd, tenantId, userCount);
  const firstDay = options.end - BigInt(days) * TICKS_PER_DAY;
  // Per hour, so that a large day never sits in memory whole.
  const eventsPerHour = Math.max(1, Math.round((userCount * perUser) / 24));
  const hourTicks = TICKS_PER_DAY / 24n;
  for (let d = 0; d < days; d++) {
    const dayStart = firstDay + BigInt(d) * TICKS_PER_DAY;
    const extra = options.anomalies !== false && d === days - 1 ? sim.anomalies(dayStart) : [];
    for (let h = 0; h < 24; h++) {
      const hourStart = dayStart + BigInt(h) * hourTicks;
      const batch: { t: bigint; row: AuditRow }[] = [];
      for (let i = 0; i < eventsPerHour; i++) {
        const t = hourStart + BigInt(Math.floor(rnd.next() * Number(hourTicks)));
        batch.push({
          t,
          row: sim.routine(t, sim.users[(h * eventsPerHour + i) % sim.users.length] as User, d),
        });
      }
      for (const row of extra) {
        const t = BigInt(Date.parse(row.TimeGenerated as string)) * 10_000n;
        if (t >= hourStart && t < hourStart + hourTicks) batch.push({ t, row });
      }
      batch.sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0));
      for (const b of batch) yield b.row;
    }
  }
}
