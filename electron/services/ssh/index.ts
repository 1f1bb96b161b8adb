// Public surface of the SSH engine.
export { SshEngine, SshConnection, mapSshError } from './sshEngine';
export type {
  SshTarget,
  SshCredentials,
  SshEngineOptions,
  ConnectOptions,
  ExecOptions,
  ExecResult,
  ConnectionInfo,
  KeyboardPrompt,
  KeyboardInteractiveHandler,
} from './sshEngine';
export { algorithmsFor, summarize, LEGACY_ALGORITHMS, type AlgorithmPolicy, type NegotiatedSummary } from './algorithms';
export {
  checkHostKey,
  describeHostKey,
  keyTypeOf,
  sha256Fingerprint,
  type HostKeyInfo,
  type HostKeyMismatchDetails,
  type HostKeyMismatchReason,
  type UnknownHostDecision,
} from './hostKeys';
