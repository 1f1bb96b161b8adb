// Host-key trust as the user meets it. First contact: a dialog with the host, key type and SHA-256
// fingerprint — "Trust and connect" re-opens naming exactly that fingerprint (main trusts it only
// if the server presents it again). A changed key: a hard stop with both fingerprints and no way
// past from here; only removing the old key (Settings, permission-gated and audited) lets it through.
import { Dialog } from '../../../ui/Dialog';
import { cancelHostKey, connectTab, type HostKeyProblem, type TerminalTab } from '../store';
import { sizeOf } from '../terminalRegistry';

export function HostKeyTrustDialog({ tab, problem }: { tab: TerminalTab; problem: HostKeyProblem }) {
  const cancel = () => cancelHostKey(tab.tabId);
  return (
    <Dialog title="Unknown host key" onClose={cancel} size="narrow" testId="hostkey-dialog">
      <p>
        This console has never connected to <strong className="mono">{`${problem.host}:${problem.port}`}</strong> ({tab.title}). Check the
        fingerprint against the device (e.g. <span className="mono">show ssh server host-key</span>, or <span className="mono">ssh-keygen -lf</span> on a
        server) before trusting it.
      </p>
      <dl className="hostkey-facts">
        <dt>Host</dt>
        <dd className="mono" data-testid="hostkey-host">
          {problem.host}:{problem.port}
        </dd>
        <dt>Key type</dt>
        <dd className="mono" data-testid="hostkey-type">
          {problem.keyType}
        </dd>
        <dt>Fingerprint</dt>
        <dd className="mono hostkey-fp" data-testid="hostkey-fingerprint">
          {problem.presented}
        </dd>
      </dl>
      <div className="dialog-actions">
        <button type="button" onClick={cancel} data-testid="hostkey-cancel">
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => void connectTab(tab.tabId, sizeOf(tab.tabId), problem.presented)}
          data-testid="hostkey-trust"
          data-autofocus
        >
          Trust and connect
        </button>
      </div>
    </Dialog>
  );
}

export function HostKeyChangedPanel({ problem }: { problem: HostKeyProblem }) {
  return (
    <div className="hostkey-changed" role="alert" data-testid="hostkey-changed">
      <h3>The host key of {`${problem.host}:${problem.port}`} has changed — not connected</h3>
      <p>
        Nothing was sent to the server. Either the device was replaced or reinstalled, or someone is intercepting the connection.
      </p>
      <dl className="hostkey-facts">
        <dt>Presented now</dt>
        <dd className="mono hostkey-fp" data-testid="hostkey-presented">
          {problem.keyType} {problem.presented}
        </dd>
        {problem.known.map((k) => (
          <div key={`${k.keyType}-${k.fingerprint}`} className="hostkey-known">
            <dt>Trusted</dt>
            <dd className="mono hostkey-fp" data-testid="hostkey-known">
              {k.keyType} {k.fingerprint}
            </dd>
          </div>
        ))}
      </dl>
      <p className="muted">
        If the change is expected, someone allowed to manage host keys removes the old key in Settings → Known hosts; the next connection then asks
        again. There is no override here.
      </p>
    </div>
  );
}
