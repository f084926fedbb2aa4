// Types for package.mjs (the TypeScript tests import it).
export declare const VSIX: string;
export declare const EXPECTED: readonly string[];
export declare const EXPECTED_PATTERNS: readonly RegExp[];
/** The files vsce would pack; throws when one is missing or one is not needed at run time. */
export declare function checkFiles(): Promise<string[]>;
export declare function packageExtension(options?: { build?: boolean }): Promise<string>;
