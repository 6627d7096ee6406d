/** Page entry: renders the app shell. */
import { render } from 'preact';
import { App } from './ui/app/App';
import './ui/styles.css';

const root = document.getElementById('app');
if (root) render(<App />, root);
