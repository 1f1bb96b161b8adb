// Types of the RADIUS page, all derived from the IPC contract so a change there breaks here.
import type { EventOf, RequestOf, ResponseOf } from '../../../../shared/ipc/channels';

export type RadiusReply = ResponseOf<'radius.auth'>;
export type RadiusReplyAttribute = RadiusReply['attributes'][number];
export type RadiusProfile = ResponseOf<'radius.profiles.list'>[number];
export type RadiusProfileInput = RequestOf<'radius.profiles.save'>;
export type DictionaryAttribute = ResponseOf<'radius.dictionary'>['attributes'][number];
export type RadiusTarget = RequestOf<'radius.auth'>['target'];
export type RadiusAttrInput = NonNullable<RequestOf<'radius.auth'>['attributes']>[number];
export type RadiusAuthMethod = NonNullable<RequestOf<'radius.auth'>['method']>;
export type RadiusAcctType = RequestOf<'radius.acct'>['type'];
export type RadiusDynauthKind = RequestOf<'radius.dynauth'>['kind'];
export type SessionSummary = ResponseOf<'radius.session.run'>;
export type SessionStep = EventOf<'radius.session.step'>;
export type LoadStats = ResponseOf<'radius.load'>;
export type RadiusRun = ResponseOf<'radius.history.list'>[number];
/** A past run with its stored `detail` (unknown JSON: narrow it before use, see historyDetail.ts). */
export type RadiusRunDetail = ResponseOf<'radius.history.get'>;
export type Prefill = ResponseOf<'radius.prefill'>;

/** The tabs of the page; the first four send one packet each. */
export const RADIUS_TABS = ['auth', 'acct', 'status', 'dynauth', 'session', 'load', 'history'] as const;
export type RadiusTab = (typeof RADIUS_TABS)[number];
export type PacketKind = 'auth' | 'acct' | 'status' | 'dynauth';

export function isPacketKind(t: RadiusTab): t is PacketKind {
  return t === 'auth' || t === 'acct' || t === 'status' || t === 'dynauth';
}

/** One extra-attribute row as typed; `key` keeps React rows stable while rows come and go. */
export interface AttrRow {
  key: number;
  name: string;
  value: string;
}

/** Errors shown beside fields, by field key (`host`, `user`, `attr.2.value`, …), plus one line for the form. */
export interface FormErrors {
  fields: Record<string, string>;
  form: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, form: null };
