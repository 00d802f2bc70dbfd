import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createTransport } from './api/client.js';
import { App } from './app.js';
import { connectStore } from './store/store.js';
import './styles.css';

connectStore(createTransport());
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
