// "SSH" on a device: opens a terminal tab for it and shows the Terminals page. Loaded with the
// device list, so it imports the small tab store only (xterm loads with the Terminals page).
import type { MouseEvent } from 'react';
import { useCan } from '../../appInfo/store';
import { openTerminal } from '../store';

interface SshButtonProps {
  device: { id: string; name: string; sshProfileId: string | null };
  /** Compact variant for table rows. */
  compact?: boolean;
}

export function SshButton({ device, compact }: SshButtonProps) {
  const canConnect = useCan('ssh:connect');
  const hasProfile = device.sshProfileId !== null;
  const why = !canConnect ? 'Your role may not open SSH sessions (needs ssh:connect)' : !hasProfile ? 'Give the device an SSH profile first (Edit)' : null;
  return (
    <button
      type="button"
      className={compact ? 'ssh-button compact' : 'ssh-button'}
      disabled={why !== null}
      title={why ?? `Open an SSH terminal on ${device.name}`}
      aria-label={`SSH to ${device.name}`}
      onClick={(e: MouseEvent) => {
        // in a table row: do not also open the detail panel
        e.stopPropagation();
        openTerminal(device);
      }}
      data-testid={compact ? 'device-row-ssh' : 'device-ssh'}
    >
      SSH
    </button>
  );
}
