// What came back: the code (green accept, red reject, amber no reply), round-trip time and tries,
// the Message-Authenticator verdict (missing = BlastRADIUS exposure), warnings, the hint when the
// server stayed silent, every attribute decoded, and the request as it was sent.
import { useRadius } from '../store';
import { formatMs, headlineOf, toneOf } from '../format';
import type { PacketKind, RadiusReply, RadiusReplyAttribute } from '../types';

const MA_TEXT: Record<'valid' | 'missing' | 'invalid', string> = {
  valid: 'Message-Authenticator valid',
  missing: 'No Message-Authenticator',
  invalid: 'Message-Authenticator INVALID',
};

function AttributeTable({ attributes, testId, caption }: { attributes: readonly RadiusReplyAttribute[]; testId: string; caption: string }) {
  if (attributes.length === 0) return <p className="muted">No attributes.</p>;
  return (
    <table className="radius-table radius-attr-table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Attribute</th>
          <th scope="col">Value</th>
          <th scope="col">Type</th>
          <th scope="col">Vendor</th>
        </tr>
      </thead>
      <tbody>
        {attributes.map((a, i) => (
          <tr key={`${a.vendor ?? ''}:${a.code}:${i}`} data-testid={testId} data-name={a.name} data-value={a.value}>
            <td className="mono" title={`code ${a.code}${a.tag !== null ? `, tag ${a.tag}` : ''}`}>
              {a.name}
              {a.tag !== null && <span className="muted">:{a.tag}</span>}
            </td>
            <td className="mono radius-attr-value" data-col="value">
              {a.value}
            </td>
            <td className="muted">{a.type}</td>
            <td className="muted">{a.vendor ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MaBadge({ reply }: { reply: RadiusReply }) {
  const ma = reply.messageAuthenticator;
  if (!ma) return null;
  const cls = ma === 'valid' ? 'status-up' : ma === 'missing' ? 'status-degraded' : 'status-down';
  return (
    <span
      className={`badge ${cls}`}
      data-testid="radius-reply-ma"
      data-state={ma}
      title={
        ma === 'missing'
          ? 'The reply carried no Message-Authenticator: a man in the middle could forge it (BlastRADIUS, CVE-2024-3596). Configure the server to send one (FreeRADIUS 3.2.5+: require_message_authenticator) and use strict mode.'
          : ma === 'invalid'
            ? 'The Message-Authenticator did not verify with this shared secret.'
            : 'The reply was signed with the shared secret.'
      }
    >
      {MA_TEXT[ma]}
      {ma === 'missing' && <span className="radius-blast">BlastRADIUS</span>}
    </span>
  );
}

export function ReplyView({ reply }: { reply: RadiusReply }) {
  const tone = toneOf(reply.outcome, reply.code);
  return (
    <div className={`radius-reply tone-${tone}`} data-testid="radius-reply" data-run-id={reply.runId} data-outcome={reply.outcome} data-code={reply.code ?? ''}>
      <div className="radius-reply-head">
        <span className={`radius-code tone-${tone}`} data-testid="radius-reply-code" data-code={reply.code ?? ''} data-outcome={reply.outcome}>
          {headlineOf(reply)}
        </span>
        <span className="radius-reply-facts">
          <span data-testid="radius-reply-rtt" title="Round-trip time of the answered try">
            {formatMs(reply.rttMs)}
          </span>
          <span data-testid="radius-reply-tries">
            {reply.tries} {reply.tries === 1 ? 'try' : 'tries'}
          </span>
          {reply.identifier !== null && <span className="mono">id {reply.identifier}</span>}
          <span className="mono muted" title="Server">
            {reply.server}
          </span>
        </span>
      </div>
      <div className="radius-badges">
        <MaBadge reply={reply} />
        {reply.responseAuthenticator && (
          <span className={`badge ${reply.responseAuthenticator === 'valid' ? 'status-up' : 'status-down'}`} data-testid="radius-reply-ra" data-state={reply.responseAuthenticator}>
            Response Authenticator {reply.responseAuthenticator}
          </span>
        )}
      </div>
      {reply.hint && (
        <p className="radius-hint" role="alert" data-testid="radius-reply-hint">
          {reply.hint}
        </p>
      )}
      {reply.warnings.length > 0 && (
        <ul className="radius-warnings" data-testid="radius-reply-warnings">
          {reply.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {reply.outcome !== 'no-reply' && (
        <>
          <h3 className="section-title">Reply attributes ({reply.attributes.length})</h3>
          <AttributeTable attributes={reply.attributes} testId="radius-reply-attr" caption="Reply attributes" />
        </>
      )}
      <details className="radius-request" data-testid="radius-request">
        <summary>
          Request as sent: {reply.request.code}, id {reply.request.identifier}, {reply.request.attributes.length} attributes
        </summary>
        <AttributeTable attributes={reply.request.attributes} testId="radius-request-attr" caption="Request attributes" />
      </details>
    </div>
  );
}

export function ReplyPanel({ kind }: { kind: PacketKind }) {
  const reply = useRadius((s) => s.replies[kind]);
  const sending = useRadius((s) => s.sending[kind]);
  return (
    <section
      className="card radius-reply-card"
      aria-labelledby="radius-reply-title"
      aria-busy={sending}
      aria-live="polite"
      data-testid="radius-reply-card"
      data-state={sending ? 'sending' : reply ? 'replied' : 'idle'}
    >
      <h2 id="radius-reply-title">Reply</h2>
      {reply ? (
        <ReplyView reply={reply} />
      ) : (
        <p className="muted">{sending ? 'Waiting for the reply…' : 'Nothing sent yet. The reply shows here with every attribute decoded.'}</p>
      )}
    </section>
  );
}
