// Feeds configuration lines to a device the way a person would type them: a shell channel without
// a PTY on the pooled connection, the lines written in order, then `exit` and end-of-input. This
// is how config mode is entered on network gear (the lines include `configure terminal`…); on a
// Linux host the login shell reads them as a script. Output is collected up to a cap.
import { NocError } from '../../../../shared/ipc/errors';
import { collectOutput, type Collected, type ConnectOptions, type SshEngine, type SshTarget } from '../sshEngine';

export interface FeedResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: string | null;
  truncated: boolean;
  hostKeySha256: string;
  legacy: boolean;
  durationMs: number;
}

const OUTPUT_CAP_BYTES = 4 * 1024 * 1024;

export async function feedLines(engine: SshEngine, target: SshTarget, text: string, timeoutMs: number, options: ConnectOptions = {}): Promise<FeedResult> {
  const started = performance.now();
  const { connection } = await engine.connect(target, options);
  const release = connection.hold();
  try {
    // collected from inside the open callback: nothing the shell sends can slip past the listeners
    const collected = new Promise<Collected>((resolve, reject) => {
      connection.client.shell(false, (err, channel) => {
        if (err) {
          reject(new NocError('UNAVAILABLE', `No shell on ${target.host}: ${err.message}`));
          return;
        }
        collectOutput(channel, timeoutMs, OUTPUT_CAP_BYTES, `${target.username}@${target.host}`).then(resolve, reject);
        channel.end(`${text.endsWith('\n') ? text : `${text}\n`}exit\n`);
      });
    });
    const outcome = await collected;
    return { ...outcome, hostKeySha256: connection.info.hostKey.fingerprint, legacy: connection.info.legacy, durationMs: Math.round(performance.now() - started) };
  } finally {
    release();
  }
}
