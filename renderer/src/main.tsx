import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createTransport } from './api/client.js';
import { App } from './app.js';
import { queryClient } from './data/query-client.js';
import { connectStore } from './store/store.js';
import { connectNotifications } from './notify/store.js';
import { applyTheme } from './theme.js';
import './styles.css';

// The system's theme until the settings say otherwise (they arrive with the first answers).
applyTheme('system');
const transport = createTransport();
connectStore(transport);
connectNotifications(transport);
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
