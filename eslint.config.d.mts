// Types of what eslint.config.mjs exports, for tests/lint/boundaries.test.ts.
export declare const KERNEL: string[];
export declare const PUBLIC: Record<string, string[]>;
declare const config: unknown[];
export default config;
