// Public API of the test lab. Every start* function takes an optional `lab`:
// with one, the peer is registered there (lab.stop() stops everything); without,
// the peer gets a private Lab and its stop() tears that whole lab down.
import { Lab } from './lab';
import { startFreeradiusIn, type FreeradiusOptions, type FreeradiusPeer } from './freeradius';
import { startNetworkIn, type NetworkOptions, type LabNetwork } from './network';
import { startSnmpdIn, type SnmpdOptions, type SnmpdPeer } from './snmpd';
import { startSshdIn, type SshdOptions, type SshdPeer } from './sshd';
import { startSnmpsimIn, type SnmpsimOptions, type SnmpsimPeer } from './snmpsim';

export { Lab, type LabOptions } from './lab';
export type { FreeradiusOptions, FreeradiusPeer } from './freeradius';
export type { SnmpdOptions, SnmpdPeer, SnmpV3Credentials, SnmpSystemInfo } from './snmpd';
export { SYS_NAME_OID } from './snmpd';
export type { SnmpsimOptions, SnmpsimPeer } from './snmpsim';
export { snmpsimHcInOctets, snmpsimPhysAddress } from './snmpsim';
export type { SshdOptions, SshdPeer, SshEndpoint } from './sshd';
export type { LabNetwork, NetworkOptions, RouterHandle } from './network';
export type { Topology, RouterSpec, LinkSpec, LinkEnd } from './topology';
export { LLDP_LOC_SYS_NAME_OID, LLDP_REM_SYS_NAME_OID, LLDP_TX_INTERVAL, lldpDiagnostics } from './lldpd';
export { neighboursOf, DEFAULT_TOPOLOGY_DRAWING } from './topology';
export { run, type CommandResult } from './exec';
export { pollUntil } from './wait';

async function inLab<P extends { stop(): Promise<void> }>(
  given: Lab | undefined,
  start: (lab: Lab) => Promise<P>,
): Promise<P> {
  if (given !== undefined) return start(given);
  const lab = new Lab();
  try {
    const peer = await start(lab);
    return { ...peer, stop: () => lab.stop() };
  } catch (error) {
    await lab.stop();
    throw error;
  }
}

export function startSnmpd(options: SnmpdOptions = {}): Promise<SnmpdPeer> {
  return inLab(options.lab, (lab) => startSnmpdIn(lab, options));
}

export function startSnmpsim(options: SnmpsimOptions = {}): Promise<SnmpsimPeer> {
  return inLab(options.lab, (lab) => startSnmpsimIn(lab, options));
}

export function startSshd(options: SshdOptions = {}): Promise<SshdPeer> {
  return inLab(options.lab, (lab) => startSshdIn(lab, options));
}

export function startFreeradius(options: FreeradiusOptions = {}): Promise<FreeradiusPeer> {
  return inLab(options.lab, (lab) => startFreeradiusIn(lab, options));
}

export function startNetwork(options: NetworkOptions = {}): Promise<LabNetwork> {
  return inLab(options.lab, (lab) => startNetworkIn(lab, options));
}
