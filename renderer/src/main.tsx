import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { installMenuCommands } from './app/menuCommands';
import { installUnloadGuard } from './app/unloadGuard';
import { installChangePoller } from './history/changePoller';
import { start } from './project/projectActions';
import { handleKeyDown } from './keyboard/keyboardHandler';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/schema.css';
import './layout/panes.css';
import './layout/topBar.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');
createRoot(rootElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Capture phase: shortcuts win over the article editor's own key handling.
window.addEventListener('keydown', handleKeyDown, true);
installUnloadGuard();
installMenuCommands();
installChangePoller();
void start();
