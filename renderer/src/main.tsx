import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { subscribeProgress } from './app/progressStore';
import { initTheme } from './app/theme';
import { startAppInfo } from './features/appInfo/store';
import { startDevicesSync } from './features/devices/store';
import { connect } from './lib/api';
import './styles.css';

initTheme();
connect();
subscribeProgress();
startAppInfo();
startDevicesSync();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
