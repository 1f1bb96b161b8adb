// Template rendering as a reviewer sees it: values in place, and anything without a value listed
// and left visible exactly as written (never silently empty).
import { describe, expect, it } from 'vitest';
import { renderTemplate, templateVariables, type TemplateContext } from '../../../electron/services/ssh/config/templateRenderer';

const ctx: TemplateContext = {
  device: { name: 'core-1', mgmtAddress: '10.0.0.1', vendor: 'Cisco', model: '', role: 'router' },
  site: { name: 'Lagos East', code: 'LOS-E', region: 'Lagos' },
  vars: { vlan: '42', note: '' },
};

describe('template renderer', () => {
  it('fills device, site and caller variables, with or without spaces inside the braces', () => {
    const out = renderTemplate('hostname {{device.name}}\nsnmp-server location {{ site.name }} ({{site.code}}, {{site.region}})\nvlan {{vars.vlan}} on {{device.mgmtAddress}} {{device.role}} {{device.vendor}}\n', ctx);
    expect(out.rendered).toBe('hostname core-1\nsnmp-server location Lagos East (LOS-E, Lagos)\nvlan 42 on 10.0.0.1 router Cisco\n');
    expect(out.missing).toEqual([]);
  });

  it('lists unknown and missing variables once each and leaves them visible', () => {
    const out = renderTemplate('a {{vars.missing}} b {{device.serial}} c {{vars.missing}} d {{device.model}} e {{nope}}', ctx);
    expect(out.rendered).toBe('a {{vars.missing}} b {{device.serial}} c {{vars.missing}} d {{device.model}} e {{nope}}');
    expect(out.missing).toEqual(['vars.missing', 'device.serial', 'device.model', 'nope']);
  });

  it('treats site fields as missing for a device without a site; an explicitly empty var is a value', () => {
    const out = renderTemplate('{{site.code}}|{{vars.note}}|', { ...ctx, site: null });
    expect(out.rendered).toBe('{{site.code}}||');
    expect(out.missing).toEqual(['site.code']);
  });

  it('does not treat a replaced value as a new placeholder', () => {
    const out = renderTemplate('x {{vars.a}}', { ...ctx, vars: { a: '{{device.name}}' } });
    expect(out.rendered).toBe('x {{device.name}}');
    expect(out.missing).toEqual([]);
  });

  it('names the placeholders a template uses, in order, each once', () => {
    expect(templateVariables('{{device.name}} {{vars.x}} {{ device.name }} {not} {{site.code}}')).toEqual(['device.name', 'vars.x', 'site.code']);
  });
});
