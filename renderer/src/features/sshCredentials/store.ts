// SSH credentials and trusted host keys as Settings shows them. Secrets never come back from the
// host: a credential says which secrets it holds (`hasPassword`…), nothing more. Both lists reload
// after every (re)connection so a restarted host is reflected.
import { create } from 'zustand';
import type { RequestOf, ResponseOf } from '../../../../shared/ipc/channels';
import { errorMessage, invoke, useConnection } from '../../lib/api';

export type SshCredential = ResponseOf<'ssh.credentials.list'>[number];
export type SshCredentialInput = RequestOf<'ssh.credentials.save'>;
export type KnownHost = ResponseOf<'ssh.knownHosts.list'>[number];

interface SshCredentialsState {
  credentials: SshCredential[];
  loaded: boolean;
  error: string | null;
  knownHosts: KnownHost[];
  knownHostsLoaded: boolean;
  knownHostsError: string | null;
  load(): Promise<void>;
  save(input: SshCredentialInput): Promise<SshCredential>;
  remove(id: string): Promise<ResponseOf<'ssh.credentials.delete'>>;
  loadKnownHosts(): Promise<void>;
  removeKnownHost(id: string): Promise<void>;
}

const byName = (a: SshCredential, b: SshCredential) => a.name.localeCompare(b.name);

export const useSshCredentials = create<SshCredentialsState>((set, get) => ({
  credentials: [],
  loaded: false,
  error: null,
  knownHosts: [],
  knownHostsLoaded: false,
  knownHostsError: null,

  load: async () => {
    try {
      const list = await invoke('ssh.credentials.list', {});
      set({ credentials: [...list].sort(byName), loaded: true, error: null });
    } catch (err) {
      set({ loaded: true, error: errorMessage(err) });
    }
  },

  save: async (input) => {
    const saved = await invoke('ssh.credentials.save', input);
    set((s) => ({ credentials: [...s.credentials.filter((c) => c.id !== saved.id), saved].sort(byName) }));
    return saved;
  },

  remove: async (id) => {
    const res = await invoke('ssh.credentials.delete', { id });
    set((s) => ({ credentials: s.credentials.filter((c) => c.id !== id) }));
    return res;
  },

  loadKnownHosts: async () => {
    try {
      const list = await invoke('ssh.knownHosts.list', {});
      set({ knownHosts: [...list].sort((a, b) => a.host.localeCompare(b.host) || a.port - b.port), knownHostsLoaded: true, knownHostsError: null });
    } catch (err) {
      set({ knownHostsLoaded: true, knownHostsError: errorMessage(err) });
    }
  },

  removeKnownHost: async (id) => {
    await invoke('ssh.knownHosts.remove', { id });
    set((s) => ({ knownHosts: s.knownHosts.filter((k) => k.id !== id) }));
    void get().loadKnownHosts();
  },
}));

let started = false;

/** Loads both lists now and again after every reconnection. */
export function startSshCredentialsSync(): void {
  if (started) return;
  started = true;
  let lastEpoch = 0;
  const onConnection = (epoch: number) => {
    if (epoch <= lastEpoch) return;
    lastEpoch = epoch;
    const s = useSshCredentials.getState();
    void s.load();
    void s.loadKnownHosts();
  };
  useConnection.subscribe((c) => onConnection(c.epoch));
  onConnection(useConnection.getState().epoch);
}
