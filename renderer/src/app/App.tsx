// The shell: navigation, the routed page, the connection banner, progress, status bar, palette.
import { lazy, Suspense, useEffect } from 'react';
import { DevicesPage } from '../features/devices/components/DevicesPage';
import { PromptDialog } from '../features/terminals/components/PromptDialog';
import { watchCriticalAlarms } from '../features/alarms/notify';
import { NotBuiltPage } from '../features/placeholder/components/NotBuiltPage';
import { SettingsPage } from '../features/settings/components/SettingsPage';
import { CommandPalette } from './CommandPalette';
import { ConnectionBanner } from './ConnectionBanner';
import { NavSidebar } from './NavSidebar';
import { pageInfo, type PageId } from './pages';
import { togglePalette, usePalette } from './paletteStore';
import { useRoute } from './router';
import { StatusBar } from './StatusBar';
import { TaskProgressBar } from './TaskProgressBar';

// Billing (and Chart.js with it) loads when first opened, keeping it out of the startup bundle.
const BillingPage = lazy(() => import('../features/billing/components/BillingPage').then((m) => ({ default: m.BillingPage })));
// The RADIUS test client is a tool, opened now and then: also loaded when first opened.
const RadiusPage = lazy(() => import('../features/radius/components/RadiusPage').then((m) => ({ default: m.RadiusPage })));
// The PON page (VOLTHA) is for the access team: loaded when first opened.
const PonPage = lazy(() => import('../features/pon/components/PonPage').then((m) => ({ default: m.PonPage })));

// SSH terminals (xterm) and automation/config backup: loaded when first opened.
const TerminalsPage = lazy(() => import('../features/terminals/components/TerminalsPage').then((m) => ({ default: m.TerminalsPage })));
const AutomationPage = lazy(() => import('../features/automation/components/AutomationPage').then((m) => ({ default: m.AutomationPage })));

// The SNMP tools (MIB browser): loaded when first opened.
const SnmpPage = lazy(() => import('../features/snmp/components/SnmpPage').then((m) => ({ default: m.SnmpPage })));

// The topology map (cytoscape) and the alarms list: loaded when first opened.
const TopologyPage = lazy(() => import('../features/topology/components/TopologyPage').then((m) => ({ default: m.TopologyPage })));
const AlarmsPage = lazy(() => import('../features/alarms/components/AlarmsPage').then((m) => ({ default: m.AlarmsPage })));

// Sync with the central service (login, outbox, conflicts, site pack): loaded when first opened;
// its status bar chip is in the shell.
const SyncPage = lazy(() => import('../features/sync/components/SyncPage').then((m) => ({ default: m.SyncPage })));

function RoutedPage({ page }: { page: PageId }) {
  switch (page) {
    case 'devices':
      return <DevicesPage />;
    case 'billing':
      return (
        <Suspense fallback={<div className="page muted">Loading billing…</div>}>
          <BillingPage />
        </Suspense>
      );
    case 'radius':
      return (
        <Suspense fallback={<div className="page muted">Loading RADIUS tools…</div>}>
          <RadiusPage />
        </Suspense>
      );
    case 'pon':
      return (
        <Suspense fallback={<div className="page muted">Loading PON…</div>}>
          <PonPage />
        </Suspense>
      );
    case 'terminals':
      return (
        <Suspense fallback={<div className="page muted">Loading terminals…</div>}>
          <TerminalsPage />
        </Suspense>
      );
    case 'automation':
      return (
        <Suspense fallback={<div className="page muted">Loading automation…</div>}>
          <AutomationPage />
        </Suspense>
      );
    case 'snmp':
      return (
        <Suspense fallback={<div className="page muted">Loading SNMP tools…</div>}>
          <SnmpPage />
        </Suspense>
      );
    case 'topology':
      return (
        <Suspense fallback={<div className="page muted">Loading the map…</div>}>
          <TopologyPage />
        </Suspense>
      );
    case 'alarms':
      return (
        <Suspense fallback={<div className="page muted">Loading alarms…</div>}>
          <AlarmsPage />
        </Suspense>
      );
    case 'sync':
      return (
        <Suspense fallback={<div className="page muted">Loading sync…</div>}>
          <SyncPage />
        </Suspense>
      );
    case 'settings':
      return <SettingsPage />;
    default:
      return <NotBuiltPage page={pageInfo(page)} />;
  }
}

export function App() {
  const page = useRoute((r) => r.page);
  const paletteOpen = usePalette((s) => s.open);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        togglePalette();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // new critical alarms notify on any page (a browser notification, or a desktop one in Electron)
  useEffect(() => watchCriticalAlarms(), []);

  useEffect(() => {
    document.title = `${pageInfo(page).title} · DotMac NOC Console`;
  }, [page]);

  return (
    <div className="app">
      <NavSidebar />
      <main className="main" aria-label={pageInfo(page).title}>
        <ConnectionBanner />
        <RoutedPage page={page} />
      </main>
      <div className="bottom">
        <TaskProgressBar />
        <StatusBar />
      </div>
      {paletteOpen && <CommandPalette />}
      {/* 2FA prompts can come from automation and backups too, on any page */}
      <PromptDialog />
    </div>
  );
}
