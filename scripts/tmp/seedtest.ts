import { createConsoleServices } from '../../electron/services/consoleServices';
const s = createConsoleServices({ dir: '/tmp/ws-seed', host: 'cli' });
const t = Date.now();
const r = await s.dispatcher.call('demo.seed', {}, { host: 'cli' });
console.log(r, Date.now() - t);
const l = await s.dispatcher.call('devices.list', { search: 'olt', limit: 5 }, { host: 'cli' });
console.log(l.items.map((d) => d.name), l.total);
s.close();
