// Types for copy-workshop.mjs (plain JavaScript: npm test uses it before any TypeScript runs).
export declare function copyWorkshop(
  from: string,
  options?: { prefix?: string; lessons?: "shipped" | "working-tree" },
): { root: string; lessonsFrom: "git" | "working tree" };
