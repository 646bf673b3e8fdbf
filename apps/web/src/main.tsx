// First: maintenance mode watches every fetch from the start.
import './maintenance.tsx';
// Before the first paint: the colour scheme chosen on this device.
import './theme.ts';
import { render } from 'solid-js/web';
import { App } from './app.tsx';
import { messagesReady } from './session.ts';
import './styles.css';

// Without its messages (the chunk failed to load) the shell still renders, showing message keys.
await messagesReady.catch(() => undefined);
const root = document.getElementById('root');
if (root) render(() => <App />, root);
