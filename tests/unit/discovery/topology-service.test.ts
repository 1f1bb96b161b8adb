// The map's data and the guards of discovery, through the dispatcher as the UI calls them:
// positions saved and returned with the graph, other tenants' or unknown devices ignored, and the
// demo tenant never swept.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempConsole } from '../../helpers/tempWorkspace';

const ctx = { host: 'cli' } as const;

describe('topology graph and positions', () => {
  let c: ReturnType<typeof openTempConsole>;
  beforeEach(() => {
    c = openTempConsole();
  });
  afterEach(() => c.dispose());

  it('returns devices with their saved, pinned positions and ignores unknown device ids', async () => {
    const a = await c.dispatcher.call('devices.create', { name: 'core-a', mgmtAddress: '192.0.2.1', role: 'core_router' }, ctx);
    const b = await c.dispatcher.call('devices.create', { name: 'core-b', mgmtAddress: '192.0.2.2', role: 'core_router' }, ctx);
    const empty = await c.dispatcher.call('topology.graph', {}, ctx);
    expect(empty.nodes.map((n) => [n.name, n.x, n.y, n.pinned])).toEqual([
      ['core-a', null, null, false],
      ['core-b', null, null, false],
    ]);
    const saved = await c.dispatcher.call(
      'topology.positions.save',
      { positions: [{ deviceId: a.id, x: 10.5, y: -20, pinned: true }, { deviceId: '01890a5d-ac96-774b-bcce-b302099a8057', x: 1, y: 1, pinned: true }] },
      ctx,
    );
    expect(saved.saved).toBe(1);
    await c.dispatcher.call('topology.positions.save', { positions: [{ deviceId: a.id, x: 30, y: 40, pinned: true }] }, ctx);
    const graph = await c.dispatcher.call('topology.graph', {}, ctx);
    expect(graph.nodes.find((n) => n.id === a.id)).toMatchObject({ x: 30, y: 40, pinned: true, status: 'unknown' });
    expect(graph.nodes.find((n) => n.id === b.id)).toMatchObject({ x: null, y: null, pinned: false });
    expect(graph.edges).toEqual([]);
  });

  it('refuses to sweep in the demo tenant (its devices are sample data)', async () => {
    await c.dispatcher.call('demo.seed', { devices: 10, subscribers: 0 }, ctx);
    const r = await c.dispatcher.invoke('discovery.run', { seeds: ['100.64.0.1'], credentials: { version: '2c', community: 'public' } }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/demo tenant/);
  });
});
