import './zod-without-eval';
import '@xyflow/react/dist/style.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectEngine } from './store/connect-engine';
import './styles.css';
import { chooseHost } from './transport/choose-host';

connectEngine(chooseHost());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
