/** Page entry: renders the app shell. */
import { render } from 'preact';
import { App } from './ui/app/App';
import { boot, holdEffectsForFirstChart } from './ui/app/boot';
import './ui/styles.css';

boot();
const root = document.getElementById('app');
holdEffectsForFirstChart();
if (root) render(<App />, root);
