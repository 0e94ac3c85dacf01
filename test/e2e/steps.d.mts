// Types of steps.mjs for the TypeScript suites that share it (test/extension, test/vscode-electron).
export declare const EXAMPLE: string;
export declare const DEEPSEEK_V3_HEADS: number;
export declare function badTpFor(tp: number, heads?: number): number;
export declare const ESTIMATE_PATTERNS: { ttft: RegExp; tpot: RegExp; tokensPerGpu: RegExp };
export declare const COMMAND_TITLES: string[];
export declare const HOVER_GPU: { name: RegExp; figures: RegExp[] };
export interface Location { line: number; column: number; match: RegExpMatchArray; text: string }
export interface Field { line: number; column: number; length: number; value: number }
export declare function locate(text: string, re: RegExp): Location[];
export declare function tpField(text: string): Field;
export declare function tpEdit(text: string): { line: number; column: number; length: number; replacement: string; tp: number; badTp: number };
export declare function tpOnLine(text: string, line: number): number | undefined;
export declare function tpDividesHeads(tp: number, heads?: number): boolean;
export declare function tpotObjective(text: string): Field;
export declare const IMPOSSIBLE_TPOT_MS: number;
export declare function deploymentNames(text: string): string[];
