/** Identifiers shared by package.json "contributes" and the client code. */
export const LANGUAGE_ID = 'servescope';
/** The URI scheme of the built-in library documents (src/language/library.ts LIBRARY_SCHEME). */
export const LIBRARY_SCHEME = 'builtin';
export const SHOW_RESULTS_COMMAND = 'servescope.showResults';
export const EXPLORE_COMMAND = 'servescope.explore';
export const EXPORT_JSON_COMMAND = 'servescope.exportJson';
export const EXPORT_CSV_COMMAND = 'servescope.exportCsv';
export const SHOW_LOG_COMMAND = 'servescope.showLog';
export const RESULTS_PANEL_VIEW_TYPE = 'servescope.results';
