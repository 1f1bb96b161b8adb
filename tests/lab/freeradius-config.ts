// Rewriting a private copy of /etc/freeradius/3.0. `freeradius -i ADDR -p PORT`
// bypasses the virtual servers (every request then fails with "No Auth-Type
// found"), so instead the `listen` sections of the enabled sites are replaced.

/** Half-open [start, end) character ranges of every `listen { ... }` section, skipping comments and strings. */
export function findListenSections(text: string): Array<[number, number]> {
  const sections: Array<[number, number]> = [];
  let depth = 0;
  let openAt = -1;
  let openDepth = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '#') {
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? text.length : eol;
      continue;
    }
    if (ch === '"' || ch === "'") {
      for (i++; i < text.length && text[i] !== ch; i++) if (text[i] === '\\') i++;
      continue;
    }
    if (ch === '{') {
      if (openAt === -1 && /(^|\s)listen\s*$/.test(text.slice(Math.max(0, i - 40), i))) {
        openAt = text.lastIndexOf('listen', i);
        openDepth = depth;
      }
      depth++;
    } else if (ch === '}') {
      depth--;
      if (openAt !== -1 && depth === openDepth) {
        sections.push([openAt, i + 1]);
        openAt = -1;
      }
    }
  }
  return sections;
}

export interface ListenSpec {
  readonly type: 'auth' | 'acct' | 'coa';
  readonly ipaddr: string;
  readonly port: number;
  readonly virtualServer?: string;
  /** SO_RCVBUF for the socket (bytes); the kernel caps it at net.core.rmem_max. */
  readonly recvBuff?: number;
}

function renderListen(spec: ListenSpec): string {
  const lines = [`\ttype = ${spec.type}`, `\tipaddr = ${spec.ipaddr}`, `\tport = ${spec.port}`];
  if (spec.virtualServer !== undefined) lines.push(`\tvirtual_server = ${spec.virtualServer}`);
  if (spec.recvBuff !== undefined) lines.push(`\trecv_buff = ${spec.recvBuff}`);
  return `listen {\n${lines.join('\n')}\n}`;
}

/** Removes every `listen` section and puts `replacements` where the first one was. */
export function replaceListenSections(text: string, replacements: readonly ListenSpec[]): string {
  const sections = findListenSections(text);
  const first = sections[0];
  if (first === undefined) throw new Error('no listen section found to replace');
  let out = text;
  for (const [start, end] of [...sections].reverse()) {
    const insert = start === first[0] ? replacements.map(renderListen).join('\n\n') : '';
    out = out.slice(0, start) + insert + out.slice(end);
  }
  return out;
}

/** Sets `name = value` for a top-level radiusd.conf setting, failing if the stock line is not there. */
export function setSetting(text: string, name: string, value: string): string {
  const re = new RegExp(`^(\\s*)${name}\\s*=.*$`, 'm');
  if (!re.test(text)) throw new Error(`radiusd.conf has no "${name} =" line`);
  return text.replace(re, `$1${name} = ${value}`);
}

/** Comments out `name = ...` lines (e.g. user/group) wherever they are. */
export function commentOutSetting(text: string, name: string): string {
  return text.replace(new RegExp(`^(\\s*)(${name}\\s*=.*)$`, 'gm'), '$1# $2  # disabled by the NOC lab');
}

/**
 * Inserts `body` right after the opening brace of the first uncommented
 * `name {` line (e.g. `recv-coa`), so it runs before the stock policy.
 */
export function prependToSection(text: string, name: string, body: string): string {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`^[ \\t]*${escaped}[ \\t]*\\{[ \\t]*$`, 'm').exec(text);
  if (match === null) throw new Error(`no "${name} {" section found`);
  const at = match.index + match[0].length;
  return `${text.slice(0, at)}\n${body}${text.slice(at)}`;
}

/** Double-quoted FreeRADIUS string literal (users file, unlang conditions). */
export function quoteString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
