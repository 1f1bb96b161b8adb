// Configuration templates: `{{device.name}}`, `{{site.code}}`, `{{vars.vlan}}`… A placeholder with
// no value (an unknown name, a variable not given, a device without a site, an empty device
// field) is listed in `missing` and left in the output exactly as written, so the person reviewing
// the render sees it — a silently empty value could push "vlan " to a switch.

/** The placeholders a template may use besides `vars.*`. */
export const DEVICE_FIELDS = ['name', 'mgmtAddress', 'vendor', 'model', 'role'] as const;
export const SITE_FIELDS = ['name', 'code', 'region'] as const;

export interface TemplateContext {
  device: Readonly<Record<(typeof DEVICE_FIELDS)[number], string>>;
  /** null when the device has no site. */
  site: Readonly<Record<(typeof SITE_FIELDS)[number], string>> | null;
  vars: Readonly<Record<string, string>>;
}

export interface RenderedTemplate {
  rendered: string;
  /** Placeholder names with no value, in order of first use. */
  missing: string[];
}

// Whitespace inside the braces is allowed ({{ device.name }}); names are dotted identifiers.
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*\}\}/g;

/** The placeholder names a template uses, each once, in order of first use. */
export function templateVariables(body: string): string[] {
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

function lookup(name: string, ctx: TemplateContext): string | undefined {
  const dot = name.indexOf('.');
  if (dot < 0) return undefined;
  const scope = name.slice(0, dot);
  const field = name.slice(dot + 1);
  if (scope === 'vars') return Object.prototype.hasOwnProperty.call(ctx.vars, field) ? ctx.vars[field] : undefined;
  // Empty inventory fields count as missing: the device record is incomplete, not the value "".
  if (scope === 'device' && (DEVICE_FIELDS as readonly string[]).includes(field)) return nonEmpty(ctx.device[field as (typeof DEVICE_FIELDS)[number]]);
  if (scope === 'site' && ctx.site !== null && (SITE_FIELDS as readonly string[]).includes(field)) return nonEmpty(ctx.site[field as (typeof SITE_FIELDS)[number]]);
  return undefined;
}

function nonEmpty(v: string): string | undefined {
  return v === '' ? undefined : v;
}

export function renderTemplate(body: string, ctx: TemplateContext): RenderedTemplate {
  const missing = new Set<string>();
  const rendered = body.replace(PLACEHOLDER, (whole, name: string) => {
    const value = lookup(name, ctx);
    if (value === undefined) {
      missing.add(name);
      return whole;
    }
    return value;
  });
  return { rendered, missing: [...missing] };
}
