// <option> lists shared by the device form and the toolbar filters.
import type { CredentialProfileSummary, Site } from '../../../../../shared/domain/device';

export function SiteOptions({ sites }: { sites: readonly Site[] }) {
  return (
    <>
      {sites.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name}
          {s.code ? ` (${s.code})` : ''}
        </option>
      ))}
    </>
  );
}

/** Credential profiles of one family: SNMP profiles for the SNMP field, SSH for the SSH field. */
export function ProfileOptions({ profiles, family }: { profiles: readonly CredentialProfileSummary[]; family: 'snmp' | 'ssh' }) {
  return (
    <>
      {profiles
        .filter((p) => p.kind.startsWith(family))
        .map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
    </>
  );
}
