/** The version of MIM-aware (package.json), named by the server, the CLI and the compliance report. */
export const VERSION = '0.1.0';
