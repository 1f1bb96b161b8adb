// Types of the automation page, as the contract defines them.
import type { ResponseOf } from '../../../../shared/ipc/channels';

export type RunSummary = ResponseOf<'ssh.run.list'>[number];
export type RunDetail = ResponseOf<'ssh.run.get'>;
export type RunResult = RunDetail['results'][number];
export type RunTarget = ResponseOf<'ssh.run.preview'>['targets'][number];
export type BackupSummary = ResponseOf<'ssh.backup.list'>[number];
export type BackupWithContent = ResponseOf<'ssh.backup.get'>;
export type BackupDiff = ResponseOf<'ssh.backup.diff'>;
export type Diff = BackupDiff['diff'];
export type ConfigTemplate = ResponseOf<'ssh.templates.list'>[number];
export type RenderResult = ResponseOf<'ssh.templates.render'>;
export type PushResult = ResponseOf<'ssh.templates.push'>;
export type Site = ResponseOf<'sites.list'>[number];

/** A device as the pickers keep it. */
export interface PickedDevice {
  id: string;
  name: string;
  mgmtAddress: string;
}

export const AUTOMATION_TABS = ['run', 'backups', 'templates'] as const;
export type AutomationTab = (typeof AUTOMATION_TABS)[number];
