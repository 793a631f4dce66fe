// What client.ts gets from Vite, for TypeScript: `import.meta.env` and CSS imports. (A Vite
// project usually references "vite/client" here, which declares all of Vite's.)
interface ImportMetaEnv {
  /** The API's address, for the page's code. */
  readonly VITE_API_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}

declare module "*.css";
