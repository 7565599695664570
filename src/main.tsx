import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { prepareWorker } from './engine/fileWorkers';
import { startUrlSync } from './url/syncUrl';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
startUrlSync();
prepareWorker();
