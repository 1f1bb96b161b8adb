// RADIUS test-client vocabulary shared by main, the renderer and the CLI.

export const RADIUS_AUTH_METHODS = ['pap', 'chap', 'mschapv2'] as const;
export type RadiusAuthMethod = (typeof RADIUS_AUTH_METHODS)[number];

/** Acct-Status-Type values a technician sends by hand (RFC 2866 §5.1). */
export const RADIUS_ACCT_TYPES = ['start', 'interim', 'stop', 'accounting-on', 'accounting-off'] as const;
export type RadiusAcctType = (typeof RADIUS_ACCT_TYPES)[number];

/** RFC 5176 dynamic authorization requests. */
export const RADIUS_DYNAUTH_KINDS = ['coa', 'disconnect'] as const;
export type RadiusDynauthKind = (typeof RADIUS_DYNAUTH_KINDS)[number];

/** Whether the reply's Message-Authenticator (RFC 3579 §3.2) checked out. */
export const MESSAGE_AUTHENTICATOR_STATES = ['valid', 'missing', 'invalid'] as const;
export type MessageAuthenticatorState = (typeof MESSAGE_AUTHENTICATOR_STATES)[number];

/** Default UDP ports: RFC 2865/2866 and RFC 5176 (MikroTik listens for CoA on 1700). */
export const RADIUS_DEFAULT_PORTS = { auth: 1812, acct: 1813, coa: 3799, coaMikrotik: 1700 } as const;

export const RADIUS_RUN_KINDS = ['auth', 'acct', 'status', 'coa', 'disconnect', 'session', 'load'] as const;
export type RadiusRunKind = (typeof RADIUS_RUN_KINDS)[number];
