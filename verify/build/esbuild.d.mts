// Types for esbuild.mjs (plain JavaScript, so that cli/launch.mjs can use it before TypeScript runs).
export declare function buildKey(inputs: string[], extra?: string[]): string;
export declare function nameOf(label: string, location: string): string;
export declare function cached(
  root: string,
  build: { name: string; inputs: string[]; extra?: string[]; make(folder: string): Promise<void> },
): Promise<string>;
export declare function buildCli(root: string): Promise<string>;
export declare function buildServer(
  root: string,
  build: { dir: string; entry: string; extra: string[]; resolve?: (specifier: string) => string | undefined },
): Promise<string>;
export declare function buildClient(root: string, build: { dir: string }): Promise<string>;
export declare function buildWorkshopPage(root: string): Promise<string>;
export declare function buildCheck(root: string, build: { dir: string; kitUrl: string }): Promise<string>;
export declare function buildVendor(
  root: string,
  build: { extra: string[]; prepare(folder: string): Promise<Record<string, string>> },
): Promise<string>;
