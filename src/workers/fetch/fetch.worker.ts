/** Fetch worker entry: exposes the typed API and nothing else. */
import { expose } from 'comlink';
import { fetchApi } from './fetch-api';

expose(fetchApi);
