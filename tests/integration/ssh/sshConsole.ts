// A whole console (web host) for SSH tests that go through the IPC contract: saving credential
// profiles, devices that use them, and the events the renderer would receive.
import type { z } from 'zod';
import { openTempConsole } from '../../helpers/tempWorkspace';
import type { EventName, EventOf, ResponseOf } from '../../../shared/ipc/schemas';
import type { sshCredentialInputSchema } from '../../../shared/ipc/sshSchemas';
import { NocError } from '../../../shared/ipc/errors';

export type SshConsole = ReturnType<typeof openSshConsole>;

const CTX = { host: 'web' } as const;

export function openSshConsole() {
  const noc = openTempConsole('web');
  const events: { name: EventName; payload: unknown }[] = [];
  const unsubscribe = noc.bus.subscribe((name, payload) => {
    // Terminal output is collected per test (it can be 50 MB); everything else is kept here.
    if (name !== 'ssh.terminal.data') events.push({ name, payload });
  });
  return {
    ...noc,
    events,
    call: <C extends Parameters<typeof noc.dispatcher.call>[0]>(channel: C, payload: Parameters<typeof noc.dispatcher.call<C>>[1]) =>
      noc.dispatcher.call(channel, payload, CTX),
    saveProfile: (input: z.input<typeof sshCredentialInputSchema>): Promise<ResponseOf<'ssh.credentials.save'>> =>
      noc.dispatcher.call('ssh.credentials.save', input, CTX),
    addDevice: (name: string, mgmtAddress: string, sshProfileId: string | null): Promise<ResponseOf<'devices.create'>> =>
      noc.dispatcher.call('devices.create', { name, mgmtAddress, sshProfileId, vendor: 'linux' }, CTX),
    /** Terminal state events of one session, oldest first. */
    states: (sessionId: string): EventOf<'ssh.terminal.state'>[] =>
      events.filter((e) => e.name === 'ssh.terminal.state').map((e) => e.payload as EventOf<'ssh.terminal.state'>).filter((s) => s.sessionId === sessionId),
    dispose: () => {
      unsubscribe();
      noc.dispose();
    },
  };
}

/** The NocError a promise rejects with (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<NocError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof NocError) return error;
    throw error;
  }
  throw new Error('expected a NocError');
}
