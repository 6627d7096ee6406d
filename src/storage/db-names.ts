/** The databases' names, apart from `open.ts` so that naming one does not load the code that opens it. */

/** The user's archive. */
export const ARCHIVE_DB = 'liqlab';
/** The bundled demo data lives apart, so it never mixes with the user's archive. */
export const DEMO_DB = 'liqlab-demo';
