// Normalising fetched configurations: the same device config fetched twice must hash the same even
// when the device rewrote a timestamp, and real configuration lines are never dropped.
import { describe, expect, it } from 'vitest';
import { diffConfigs } from '../../../electron/services/ssh/config/configDiff';
import { normaliseConfig, sha256Hex } from '../../../electron/services/ssh/config/normalise';

describe('config normaliser', () => {
  it('turns CRLF into LF, strips trailing blanks and trailing empty lines, ends with one newline', () => {
    const n = normaliseConfig('hostname r1  \r\ninterface Gi0/1\t\r\n description uplink\r\n\r\n\r\n', 'linux');
    expect(n.content).toBe('hostname r1\ninterface Gi0/1\n description uplink\n');
    expect(n.lines).toBe(3);
    expect(n.bytes).toBe(Buffer.byteLength(n.content));
    expect(n.sha256).toBe(sha256Hex(n.content));
  });

  it('drops Cisco volatile lines (also for Arista), so two fetches around a clock tick hash the same', () => {
    const a = normaliseConfig('Building configuration...\n! Last configuration change at 10:00:01 UTC Mon\nntp clock-period 17179860\nhostname r1\n', 'Cisco IOS-XE');
    const b = normaliseConfig('Building configuration...\n! Last configuration change at 11:12:13 UTC Tue\nntp clock-period 17179871\nhostname r1\n', 'cisco');
    expect(a.content).toBe('hostname r1\n');
    expect(a.sha256).toBe(b.sha256);
    expect(normaliseConfig('! Last configuration change at x\nhostname a\n', 'Arista').content).toBe('hostname a\n');
  });

  it('keeps lines that only look alike, and keeps volatile-looking lines for other vendors', () => {
    expect(normaliseConfig('ntp server 10.0.0.1\n! a comment\n', 'cisco').content).toBe('ntp server 10.0.0.1\n! a comment\n');
    expect(normaliseConfig('! Last configuration change at x\n', 'linux').content).toBe('! Last configuration change at x\n');
  });

  it('drops the MikroTik /export header in both date styles', () => {
    const c = normaliseConfig('# jan/02/2024 10:00:00 by RouterOS 6.49\n# 2024-01-02 10:00:00 by RouterOS 7.12\n/system identity\nset name=r1\n', 'MikroTik');
    expect(c.content).toBe('/system identity\nset name=r1\n');
  });

  it('empty output is an empty configuration', () => {
    expect(normaliseConfig('\r\n  \n', 'cisco')).toMatchObject({ content: '', lines: 0, bytes: 0 });
  });
});

describe('config diff', () => {
  it('shows a changed line as - then +, with counts and unified text', () => {
    const d = diffConfigs('old', 'new', 'a\nb\nc\n', 'a\nB\nc\nd');
    expect(d.removed).toBe(1);
    expect(d.added).toBe(2);
    expect(d.hunks).toHaveLength(1);
    expect(d.hunks[0]?.lines).toEqual([' a', '-b', '+B', ' c', '+d']);
    expect(d.unified).toContain('--- old');
    expect(d.unified).toContain('-b\n+B\n');
    expect(d.unified).not.toContain('No newline');
  });

  it('is empty for equal texts', () => {
    expect(diffConfigs('x', 'y', 'a\n', 'a\n')).toEqual({ added: 0, removed: 0, hunks: [], unified: '' });
  });
});
