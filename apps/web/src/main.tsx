// First: maintenance mode watches every fetch from the start.
import './maintenance.tsx';
import { render } from 'solid-js/web';
import { App } from './app.tsx';
import { messagesReady } from './session.ts';
import './styles.css';

await messagesReady;
const root = document.getElementById('root');
if (root) render(() => <App />, root);
