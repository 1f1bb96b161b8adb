// A VOLTHA state as the core names it (ENABLED, ACTIVE, UNREACHABLE…), with a tone and a shape so
// it reads without colour. `compact` is the plain text form used inside the virtualized rows.
import type { PonAdminState, PonConnectStatus, PonOperStatus } from '../../../../../shared/domain/voltha';
import { adminTone, connectTone, operTone, TONE_MARK, type Tone } from '../format';

type StateProps =
  | { kind: 'admin'; state: PonAdminState; compact?: boolean; testId?: string }
  | { kind: 'oper'; state: PonOperStatus; compact?: boolean; testId?: string }
  | { kind: 'connect'; state: PonConnectStatus; compact?: boolean; testId?: string };

const KIND_TITLE = { admin: 'Admin state', oper: 'Oper status', connect: 'Connect status' } as const;

function toneOf(p: StateProps): Tone {
  switch (p.kind) {
    case 'admin':
      return adminTone(p.state);
    case 'oper':
      return operTone(p.state);
    case 'connect':
      return connectTone(p.state);
  }
}

export function StateBadge(props: StateProps) {
  const tone = toneOf(props);
  return (
    <span
      className={`pon-state tone-${tone}${props.compact ? ' compact' : ' badge'}`}
      title={`${KIND_TITLE[props.kind]}: ${props.state}`}
      data-state={props.state}
      data-testid={props.testId}
    >
      <span aria-hidden="true" className="badge-mark">
        {TONE_MARK[tone]}
      </span>
      {props.state}
    </span>
  );
}
