/** Types of cli/bundle.mjs, which is plain JavaScript: it runs before any TypeScript loader. */
export declare const ROOT: string;
/** The folder of a current build of `root`'s CLI under outDir, made now if there is none. */
export declare function ensureBundle(options?: { root?: string; outDir?: string }): Promise<string>;
