/**
 * Defined by the CLI's build (cli/bundle.mjs) as the build's folder; not defined when the code runs
 * from its TypeScript sources (tsx, vitest), where `typeof VITRINA_BUNDLE_DIR` is 'undefined'.
 */
declare const VITRINA_BUNDLE_DIR: string | undefined;
