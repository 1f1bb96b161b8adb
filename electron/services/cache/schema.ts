// The local cache schema (drizzle, SQLite). Every synced table carries the sync columns:
// id (UUID v7, text), tenant_id, version (server-assigned, 0 = never synced), updated_at (ms),
// deleted_at (tombstone, ms). Money is integer minor units; octet counters are 64-bit integers.
import { sqliteTable, text, integer, real, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';

const syncColumns = {
  id: text('id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  version: integer('version').notNull().default(0),
  updatedAt: integer('updated_at').notNull(),
  deletedAt: integer('deleted_at'),
};

export const tenants = sqliteTable('tenants', {
  ...syncColumns,
  name: text('name').notNull(),
  slug: text('slug').notNull(),
  currency: text('currency').notNull().default('USD'),
  timezone: text('timezone').notNull().default('UTC'),
  isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
});

export const sites = sqliteTable(
  'sites',
  {
    ...syncColumns,
    name: text('name').notNull(),
    code: text('code').notNull(),
    region: text('region').notNull().default(''),
    timezone: text('timezone').notNull().default('UTC'),
    address: text('address').notNull().default(''),
    latitude: real('latitude'),
    longitude: real('longitude'),
  },
  (t) => [uniqueIndex('sites_tenant_code').on(t.tenantId, t.code)],
);

export const credentialProfiles = sqliteTable(
  'credential_profiles',
  {
    ...syncColumns,
    name: text('name').notNull(),
    kind: text('kind', { enum: ['snmp_v1', 'snmp_v2c', 'snmp_v3', 'ssh_password', 'ssh_key'] }).notNull(),
    username: text('username'),
    /** JSON of non-secret parameters (SNMP v3 auth/priv protocols, SSH port, algorithm policy…). */
    params: text('params').notNull().default('{}'),
    /** AES-256-GCM sealed JSON of the secrets (community, passwords, private key); never leaves main. */
    secretSealed: text('secret_sealed'),
  },
  (t) => [index('credential_profiles_tenant_name').on(t.tenantId, t.name)],
);

export const devices = sqliteTable(
  'devices',
  {
    ...syncColumns,
    siteId: text('site_id').references(() => sites.id),
    name: text('name').notNull(),
    vendor: text('vendor').notNull().default(''),
    model: text('model').notNull().default(''),
    role: text('role').notNull().default('other'),
    mgmtAddress: text('mgmt_address').notNull(),
    snmpProfileId: text('snmp_profile_id').references(() => credentialProfiles.id),
    sshProfileId: text('ssh_profile_id').references(() => credentialProfiles.id),
    status: text('status').notNull().default('unknown'),
    location: text('location').notNull().default(''),
    notes: text('notes').notNull().default(''),
    serial: text('serial').notNull().default(''),
  },
  (t) => [
    index('devices_tenant_name').on(t.tenantId, t.name, t.id),
    index('devices_tenant_addr').on(t.tenantId, t.mgmtAddress, t.id),
    index('devices_tenant_vendor').on(t.tenantId, t.vendor, t.id),
    index('devices_tenant_role').on(t.tenantId, t.role, t.id),
    index('devices_tenant_status').on(t.tenantId, t.status, t.id),
    index('devices_tenant_updated').on(t.tenantId, t.updatedAt, t.id),
    index('devices_site').on(t.siteId),
  ],
);

export const interfaces = sqliteTable(
  'interfaces',
  {
    ...syncColumns,
    deviceId: text('device_id')
      .notNull()
      .references(() => devices.id),
    ifIndex: integer('if_index').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    speedBps: integer('speed_bps'),
    mac: text('mac'),
    adminStatus: text('admin_status').notNull().default('up'),
    operStatus: text('oper_status').notNull().default('unknown'),
  },
  (t) => [uniqueIndex('interfaces_device_ifindex').on(t.deviceId, t.ifIndex)],
);

export const links = sqliteTable(
  'links',
  {
    ...syncColumns,
    aDeviceId: text('a_device_id')
      .notNull()
      .references(() => devices.id),
    aInterface: text('a_interface').notNull().default(''),
    bDeviceId: text('b_device_id')
      .notNull()
      .references(() => devices.id),
    bInterface: text('b_interface').notNull().default(''),
    kind: text('kind').notNull().default('ethernet'),
    source: text('source', { enum: ['manual', 'lldp', 'demo'] }).notNull().default('manual'),
  },
  (t) => [index('links_a').on(t.aDeviceId), index('links_b').on(t.bDeviceId), index('links_tenant').on(t.tenantId)],
);

export const alarms = sqliteTable(
  'alarms',
  {
    ...syncColumns,
    deviceId: text('device_id').references(() => devices.id),
    severity: text('severity', { enum: ['critical', 'major', 'minor', 'warning', 'info'] }).notNull(),
    kind: text('kind').notNull(),
    message: text('message').notNull(),
    source: text('source').notNull(),
    raisedAt: integer('raised_at').notNull(),
    ackedAt: integer('acked_at'),
    ackedBy: text('acked_by'),
    ackNote: text('ack_note'),
    clearedAt: integer('cleared_at'),
    /** What makes two raises "the same alarm" (e.g. device + linkDown + ifIndex): repeats bump `count`. */
    dedupKey: text('dedup_key'),
    count: integer('count').notNull().default(1),
    lastSeenAt: integer('last_seen_at'),
  },
  (t) => [index('alarms_tenant_raised').on(t.tenantId, t.raisedAt), index('alarms_device').on(t.deviceId), index('alarms_dedup').on(t.tenantId, t.dedupKey)],
);

export const servicePlans = sqliteTable('service_plans', {
  ...syncColumns,
  code: text('code').notNull(),
  name: text('name').notNull(),
  downloadKbps: integer('download_kbps').notNull(),
  uploadKbps: integer('upload_kbps').notNull(),
  priceMinor: integer('price_minor').notNull(),
  currency: text('currency').notNull(),
  quotaGb: integer('quota_gb'),
});

export const subscribers = sqliteTable(
  'subscribers',
  {
    ...syncColumns,
    accountNo: text('account_no').notNull(),
    name: text('name').notNull(),
    email: text('email').notNull().default(''),
    phone: text('phone').notNull().default(''),
    address: text('address').notNull().default(''),
    siteId: text('site_id').references(() => sites.id),
    planId: text('plan_id').references(() => servicePlans.id),
    status: text('status', { enum: ['active', 'suspended', 'churned'] }).notNull(),
    radiusUsername: text('radius_username').notNull(),
    onuSerial: text('onu_serial'),
    accessDeviceId: text('access_device_id').references(() => devices.id),
    activatedAt: integer('activated_at').notNull(),
    churnedAt: integer('churned_at'),
  },
  (t) => [
    uniqueIndex('subscribers_tenant_account').on(t.tenantId, t.accountNo),
    // the PON page joins ONUs to subscribers by serial
    index('subscribers_tenant_onu').on(t.tenantId, t.onuSerial),
    index('subscribers_tenant_name').on(t.tenantId, t.name, t.id),
    index('subscribers_plan').on(t.planId),
  ],
);

export const invoices = sqliteTable(
  'invoices',
  {
    ...syncColumns,
    subscriberId: text('subscriber_id')
      .notNull()
      .references(() => subscribers.id),
    number: text('number').notNull(),
    periodStart: integer('period_start').notNull(),
    periodEnd: integer('period_end').notNull(),
    issuedAt: integer('issued_at').notNull(),
    dueAt: integer('due_at').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    taxMinor: integer('tax_minor').notNull(),
    totalMinor: integer('total_minor').notNull(),
    currency: text('currency').notNull(),
    status: text('status', { enum: ['open', 'paid', 'partially_paid', 'void'] }).notNull(),
  },
  (t) => [index('invoices_tenant_issued').on(t.tenantId, t.issuedAt), index('invoices_subscriber').on(t.subscriberId)],
);

export const payments = sqliteTable(
  'payments',
  {
    ...syncColumns,
    subscriberId: text('subscriber_id')
      .notNull()
      .references(() => subscribers.id),
    invoiceId: text('invoice_id').references(() => invoices.id),
    receivedAt: integer('received_at').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    method: text('method').notNull(),
    reference: text('reference').notNull().default(''),
  },
  (t) => [index('payments_tenant_received').on(t.tenantId, t.receivedAt), index('payments_invoice').on(t.invoiceId)],
);

export const accountingSessions = sqliteTable(
  'accounting_sessions',
  {
    ...syncColumns,
    subscriberId: text('subscriber_id').references(() => subscribers.id),
    nasDeviceId: text('nas_device_id').references(() => devices.id),
    username: text('username').notNull(),
    acctSessionId: text('acct_session_id').notNull(),
    framedIp: text('framed_ip'),
    startedAt: integer('started_at').notNull(),
    stoppedAt: integer('stopped_at'),
    inputOctets: integer('input_octets').notNull().default(0),
    outputOctets: integer('output_octets').notNull().default(0),
    inputPackets: integer('input_packets').notNull().default(0),
    outputPackets: integer('output_packets').notNull().default(0),
    terminateCause: text('terminate_cause'),
    source: text('source', { enum: ['demo', 'radius-sim', 'import'] }).notNull().default('demo'),
  },
  (t) => [
    index('acct_tenant_started').on(t.tenantId, t.startedAt),
    index('acct_subscriber').on(t.subscriberId),
  ],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    ...syncColumns,
    at: integer('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    /** JSON details; secrets are never written here. */
    details: text('details').notNull().default('{}'),
  },
  (t) => [index('audit_tenant_at').on(t.tenantId, t.at)],
);

/**
 * Local mutations waiting to be pushed to the central service. Written in the same SQLite
 * transaction as the row change, so a crash can never leave one without the other.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    mutationId: text('mutation_id').notNull(),
    tenantId: text('tenant_id').notNull(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    op: text('op', { enum: ['insert', 'update', 'delete'] }).notNull(),
    baseVersion: integer('base_version').notNull(),
    patch: text('patch').notNull(),
    createdAt: integer('created_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** 'pending': waiting to be pushed; 'review': the server refused it for good (never blocks the queue). */
    status: text('status', { enum: ['pending', 'review'] }).notNull().default('pending'),
    /** Why the server refused it (VALIDATION, PERMISSION_DENIED, NOT_FOUND, CONFLICT) and its message. */
    reviewCode: text('review_code'),
    reviewMessage: text('review_message'),
  },
  (t) => [
    uniqueIndex('outbox_mutation').on(t.mutationId),
    index('outbox_tenant_seq').on(t.tenantId, t.seq),
    index('outbox_status_seq').on(t.status, t.seq),
    index('outbox_row').on(t.tableName, t.rowId),
  ],
);

/**
 * Field conflicts the server reported for this console's pushes: both values kept so the user can
 * choose or merge. Local (each console reviews its own); `resolvedAt` set once settled.
 */
export const syncConflicts = sqliteTable(
  'sync_conflicts',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    field: text('field').notNull(),
    /** JSON of this console's value. */
    mine: text('mine').notNull(),
    /** JSON of the other writer's value. */
    theirs: text('theirs').notNull(),
    theirsBy: text('theirs_by'),
    winner: text('winner', { enum: ['mine', 'theirs'] }).notNull(),
    policy: text('policy').notNull(),
    createdAt: integer('created_at').notNull(),
    resolvedAt: integer('resolved_at'),
    /** 'mine' | 'theirs' | 'merged' once resolved. */
    resolution: text('resolution'),
  },
  (t) => [index('sync_conflicts_open').on(t.tenantId, t.resolvedAt, t.createdAt)],
);

/** Local, unsynced settings of this workspace (active tenant, local role, UI preferences). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * Interface traffic rates sampled by the poller (bit/s over each poll interval, counter wraps and
 * agent restarts already resolved). Local telemetry: never synced. The 95th-percentile usage
 * bill reads it.
 */
export const interfaceSamples = sqliteTable(
  'interface_samples',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: text('tenant_id').notNull(),
    deviceId: text('device_id')
      .notNull()
      .references(() => devices.id),
    ifIndex: integer('if_index').notNull(),
    at: integer('at').notNull(),
    inBps: integer('in_bps').notNull(),
    outBps: integer('out_bps').notNull(),
  },
  (t) => [index('interface_samples_iface_at').on(t.tenantId, t.deviceId, t.ifIndex, t.at), index('interface_samples_tenant_at').on(t.tenantId, t.at)],
);

/**
 * Saved RADIUS test targets, one per NAS or server. Synced: the team shares them. The shared
 * secret is sealed with the workspace key like every other credential.
 */
export const radiusProfiles = sqliteTable(
  'radius_profiles',
  {
    ...syncColumns,
    name: text('name').notNull(),
    host: text('host').notNull(),
    authPort: integer('auth_port').notNull().default(1812),
    acctPort: integer('acct_port').notNull().default(1813),
    coaPort: integer('coa_port').notNull().default(3799),
    secretSealed: text('secret_sealed'),
    deviceId: text('device_id').references(() => devices.id),
    nasIdentifier: text('nas_identifier').notNull().default(''),
    strict: integer('strict', { mode: 'boolean' }).notNull().default(false),
    timeoutMs: integer('timeout_ms').notNull().default(3000),
    retries: integer('retries').notNull().default(2),
  },
  (t) => [index('radius_profiles_tenant_name').on(t.tenantId, t.name), index('radius_profiles_device').on(t.deviceId)],
);

/** History of RADIUS test runs on this console. Local: a technician's scratch pad, never synced. */
export const radiusRuns = sqliteTable(
  'radius_runs',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    kind: text('kind').notNull(),
    at: integer('at').notNull(),
    server: text('server').notNull(),
    userName: text('user_name'),
    outcome: text('outcome').notNull(),
    code: text('code'),
    rttMs: real('rtt_ms'),
    summary: text('summary').notNull(),
    /** The full reply (attributes decoded; secrets masked) as JSON. */
    detail: text('detail').notNull().default('{}'),
  },
  (t) => [index('radius_runs_tenant_at').on(t.tenantId, t.at)],
);

/** VOLTHA cores this workspace talks to (synced: the team shares the list). */
export const volthaEndpoints = sqliteTable(
  'voltha_endpoints',
  {
    ...syncColumns,
    name: text('name').notNull(),
    address: text('address').notNull(),
    tls: integer('tls', { mode: 'boolean' }).notNull().default(false),
    deadlineMs: integer('deadline_ms').notNull().default(10000),
    pollIntervalMs: integer('poll_interval_ms').notNull().default(15000),
  },
  (t) => [index('voltha_endpoints_tenant_name').on(t.tenantId, t.name)],
);

/**
 * OLTs and ONUs as the last poll of a VOLTHA core saw them. Local: each console mirrors what it
 * can reach; the alarms their changes raise are what is shared.
 */
export const ponDevices = sqliteTable(
  'pon_devices',
  {
    tenantId: text('tenant_id').notNull(),
    endpointId: text('endpoint_id').notNull(),
    id: text('id').notNull(),
    kind: text('kind', { enum: ['olt', 'onu'] }).notNull(),
    type: text('type').notNull(),
    parentId: text('parent_id').notNull(),
    parentPortNo: integer('parent_port_no').notNull(),
    serialNumber: text('serial_number').notNull(),
    vendor: text('vendor').notNull(),
    model: text('model').notNull(),
    hostAndPort: text('host_and_port').notNull(),
    adminState: text('admin_state').notNull(),
    operStatus: text('oper_status').notNull(),
    connectStatus: text('connect_status').notNull(),
    reason: text('reason').notNull(),
    /** 0 = healthy, 1 = down/unreachable, 2 = disabled: the order "down first" sorts by. */
    health: integer('health').notNull(),
    seenAt: integer('seen_at').notNull(),
    changedAt: integer('changed_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.endpointId, t.id] }),
    index('pon_devices_parent').on(t.tenantId, t.endpointId, t.parentId, t.parentPortNo, t.health, t.serialNumber),
    index('pon_devices_health').on(t.tenantId, t.kind, t.health, t.serialNumber),
    index('pon_devices_serial').on(t.tenantId, t.serialNumber),
  ],
);

/** Ports of the OLTs (NNI, PON) as last polled. Local, like pon_devices. */
export const ponPorts = sqliteTable(
  'pon_ports',
  {
    tenantId: text('tenant_id').notNull(),
    endpointId: text('endpoint_id').notNull(),
    deviceId: text('device_id').notNull(),
    portNo: integer('port_no').notNull(),
    label: text('label').notNull(),
    type: text('type').notNull(),
    adminState: text('admin_state').notNull(),
    operStatus: text('oper_status').notNull(),
  },
  (t) => [primaryKey({ columns: [t.endpointId, t.deviceId, t.portNo] })],
);

/**
 * SSH host keys the team trusts, one row per (host, port, key type). Synced so a key accepted on
 * one console is known to the others; a removal is a tombstone (and audited).
 */
export const sshKnownHosts = sqliteTable(
  'ssh_known_hosts',
  {
    ...syncColumns,
    host: text('host').notNull(),
    port: integer('port').notNull(),
    keyType: text('key_type').notNull(),
    /** "SHA256:<base64 without padding>", as OpenSSH prints it. */
    fingerprint: text('fingerprint').notNull(),
    /** The host key blob (SSH wire format), base64. */
    keyBase64: text('key_base64').notNull(),
    firstSeen: integer('first_seen').notNull(),
    lastSeen: integer('last_seen').notNull(),
  },
  (t) => [index('ssh_known_hosts_tenant_host').on(t.tenantId, t.host, t.port, t.keyType)],
);

/**
 * Running configurations fetched over SSH, one row per version. Synced: a site pack carries the
 * last configs into the field, and the team sees one history. Content is the device's text as
 * printed (secrets in it are the device's own hashes, as in any config backup tool).
 */
export const configBackups = sqliteTable(
  'config_backups',
  {
    ...syncColumns,
    deviceId: text('device_id')
      .notNull()
      .references(() => devices.id),
    takenAt: integer('taken_at').notNull(),
    command: text('command').notNull(),
    content: text('content').notNull(),
    sha256: text('sha256').notNull(),
    bytes: integer('bytes').notNull(),
    lines: integer('lines').notNull(),
    /** The version before this one (null for the first); `changed` compares against it. */
    previousId: text('previous_id'),
    changed: integer('changed', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('config_backups_device_taken').on(t.tenantId, t.deviceId, t.takenAt)],
);

/** Configuration templates ({{device.name}}, {{site.code}}, {{vars.x}}…), shared by the team. */
export const configTemplates = sqliteTable(
  'config_templates',
  {
    ...syncColumns,
    name: text('name').notNull(),
    vendor: text('vendor').notNull().default(''),
    description: text('description').notNull().default(''),
    body: text('body').notNull(),
  },
  (t) => [index('config_templates_tenant_name').on(t.tenantId, t.name)],
);

/** Automation runs on this console (local; what they did is in the synced audit log). */
export const sshRuns = sqliteTable(
  'ssh_runs',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    command: text('command').notNull(),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at'),
    concurrency: integer('concurrency').notNull(),
    stopOnError: integer('stop_on_error', { mode: 'boolean' }).notNull(),
    state: text('state', { enum: ['running', 'finished', 'stopped'] }).notNull(),
    total: integer('total').notNull(),
  },
  (t) => [index('ssh_runs_tenant_started').on(t.tenantId, t.startedAt)],
);

export const sshRunResults = sqliteTable(
  'ssh_run_results',
  {
    runId: text('run_id')
      .notNull()
      .references(() => sshRuns.id, { onDelete: 'cascade' }),
    deviceId: text('device_id').notNull(),
    deviceName: text('device_name').notNull(),
    state: text('state').notNull(),
    exitCode: integer('exit_code'),
    stdout: text('stdout').notNull().default(''),
    stderr: text('stderr').notNull().default(''),
    error: text('error'),
    durationMs: real('duration_ms'),
  },
  (t) => [primaryKey({ columns: [t.runId, t.deviceId] })],
);

/** Per-device poll results (reachability, uptime, CPU/memory where HOST-RESOURCES answers). Local. */
export const deviceSamples = sqliteTable(
  'device_samples',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: text('tenant_id').notNull(),
    deviceId: text('device_id')
      .notNull()
      .references(() => devices.id),
    at: integer('at').notNull(),
    reachable: integer('reachable', { mode: 'boolean' }).notNull(),
    rttMs: real('rtt_ms'),
    uptimeTicks: integer('uptime_ticks'),
    cpuPct: real('cpu_pct'),
    memPct: real('mem_pct'),
  },
  (t) => [index('device_samples_device_at').on(t.tenantId, t.deviceId, t.at)],
);

/** Hourly roll-ups of interface rates, kept longer than raw samples. Local. */
export const interfaceRollups = sqliteTable(
  'interface_rollups',
  {
    tenantId: text('tenant_id').notNull(),
    deviceId: text('device_id').notNull(),
    ifIndex: integer('if_index').notNull(),
    /** Start of the hour, epoch ms. */
    bucket: integer('bucket').notNull(),
    inBpsAvg: real('in_bps_avg').notNull(),
    outBpsAvg: real('out_bps_avg').notNull(),
    inBpsMax: real('in_bps_max').notNull(),
    outBpsMax: real('out_bps_max').notNull(),
    samples: integer('samples').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.deviceId, t.ifIndex, t.bucket] })],
);

/** What the poller needs between cycles (last counters and uptime per device, for rates). Local. */
export const pollState = sqliteTable('poll_state', {
  deviceId: text('device_id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  at: integer('at').notNull(),
  /** JSON: { uptimeTicks, counters: { [ifIndex]: { in, out, hc } } } with counters as decimal strings. */
  state: text('state').notNull(),
});

/** Map positions (pinned nodes keep theirs across layouts). Local: each console lays out its own map. */
export const topologyPositions = sqliteTable(
  'topology_positions',
  {
    tenantId: text('tenant_id').notNull(),
    deviceId: text('device_id').notNull(),
    x: real('x').notNull(),
    y: real('y').notNull(),
    pinned: integer('pinned', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.deviceId] })],
);
