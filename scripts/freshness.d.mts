// Types of scripts/freshness.mjs for the TypeScript that shares its rule.
export declare function newestUnder(path: string): number
export declare function isCurrent(root: string, output: string, inputs: readonly string[]): boolean
export declare function dateBuild(output: string, startedAtMs: number): void
