// Version, community and the SNMPv3 user security parameters: the one-off credentials of the
// target and the saved credential dialog use the same controls. Secrets are masked and write-only;
// a saved credential shows "stored" instead of its secret, and an empty field keeps it.
import { SNMP_AUTH_PROTOCOLS, SNMP_PRIV_PROTOCOLS, SNMP_SECURITY_LEVELS, SNMP_VERSIONS } from '../../../../../shared/domain/snmp';
import { FormRow } from '../../../ui/FormRow';
import { invalidProps } from '../../radius/components/Field';
import { Segmented } from '../../sshCredentials/components/Segmented';
import type { SecurityValues, StoredSecrets } from '../formModel';

const VERSION_OPTIONS = SNMP_VERSIONS.map((v) => [v, `v${v}`, v] as const);
const AUTH_LABELS: Record<(typeof SNMP_AUTH_PROTOCOLS)[number], string> = { md5: 'MD5', sha: 'SHA-1', sha224: 'SHA-224', sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' };
const PRIV_LABELS: Record<(typeof SNMP_PRIV_PROTOCOLS)[number], string> = { des: 'DES', aes: 'AES-128', aes256b: 'AES-256 (Blumenthal)', aes256r: 'AES-256 (Reeder)' };

interface SecurityFieldsProps {
  /** Prefix of element ids and test ids: `${prefix}-community`, `${prefix}-authKey`… */
  prefix: string;
  values: SecurityValues;
  onChange: (patch: Partial<SecurityValues>) => void;
  errors: Partial<Record<string, string>>;
  /** What a saved credential already holds (all false for one-off credentials). */
  stored: StoredSecrets;
  /** One-off: hints say the secret is used for this request only. */
  oneOff: boolean;
}

export function SecurityFields({ prefix, values, onChange, errors, stored, oneOff }: SecurityFieldsProps) {
  const level = values.securityLevel;
  const keep = 'Stored in the vault. Leave empty to keep it; type to replace it.';
  const fresh = oneOff ? 'Sent with each request only; not saved.' : 'Sealed in the vault; never shown again.';

  const secret = (key: 'community' | 'authKey' | 'privKey', label: string, isStored: boolean) => {
    const id = `${prefix}-${key}`;
    return (
      <FormRow id={id} label={label} error={errors[key]} errorTestId={`${id}-error`} hint={isStored ? keep : fresh}>
        <div className="snmp-secret-line">
          <input
            {...invalidProps(id, errors[key])}
            type="password"
            value={values[key]}
            onChange={(e) => onChange({ [key]: e.target.value })}
            placeholder={isStored ? '•••••• stored — leave empty to keep' : ''}
            autoComplete="new-password"
            spellCheck={false}
            data-testid={id}
          />
          {isStored && (
            <span className="badge status-up" data-testid={`${id}-stored`}>
              stored
            </span>
          )}
        </div>
      </FormRow>
    );
  };

  const select = <K extends 'securityLevel' | 'authProtocol' | 'privProtocol'>(key: K, label: string, options: readonly (readonly [SecurityValues[K], string])[]) => {
    const id = `${prefix}-${key}`;
    return (
      <FormRow id={id} label={label} error={errors[key]} errorTestId={`${id}-error`}>
        <select {...invalidProps(id, errors[key])} value={values[key]} onChange={(e) => onChange({ [key]: e.target.value } as Partial<SecurityValues>)} data-testid={id}>
          {options.map(([v, text]) => (
            <option key={v} value={v}>
              {text}
            </option>
          ))}
        </select>
      </FormRow>
    );
  };

  return (
    <>
      <FormRow id={`${prefix}-version`} label="Version" error={errors.version} errorTestId={`${prefix}-version-error`}>
        <Segmented id={`${prefix}-version`} label="SNMP version" value={values.version} options={VERSION_OPTIONS} onChange={(version) => onChange({ version })} testIdPrefix={`${prefix}-version`} />
      </FormRow>
      {values.version !== '3' ? (
        secret('community', 'Community', stored.community)
      ) : (
        <>
          <FormRow id={`${prefix}-user`} label="User" error={errors.user} errorTestId={`${prefix}-user-error`}>
            <input
              {...invalidProps(`${prefix}-user`, errors.user)}
              value={values.user}
              onChange={(e) => onChange({ user: e.target.value })}
              autoComplete="off"
              spellCheck={false}
              data-testid={`${prefix}-user`}
            />
          </FormRow>
          {select(
            'securityLevel',
            'Security level',
            SNMP_SECURITY_LEVELS.map((l) => [l, l] as const),
          )}
          {level !== 'noAuthNoPriv' && (
            <>
              {select(
                'authProtocol',
                'Auth protocol',
                SNMP_AUTH_PROTOCOLS.map((p) => [p, AUTH_LABELS[p]] as const),
              )}
              {secret('authKey', 'Auth password', stored.authKey)}
            </>
          )}
          {level === 'authPriv' && (
            <>
              {select(
                'privProtocol',
                'Privacy protocol',
                SNMP_PRIV_PROTOCOLS.map((p) => [p, PRIV_LABELS[p]] as const),
              )}
              {secret('privKey', 'Privacy password', stored.privKey)}
            </>
          )}
        </>
      )}
    </>
  );
}
