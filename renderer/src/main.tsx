import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createTransport } from './api/client.js';
import { App } from './app.js';
import { queryClient } from './data/query-client.js';
import { connectStore } from './store/store.js';
import './styles.css';

connectStore(createTransport());
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
