// The oldest Node.js the workshop runs on, checked before anything loads code that needs newer
// APIs (util.styleText is the newest the workshop uses: Node 20.12). Plain JavaScript with no
// imports, so that it runs on any Node and says what to do instead of crashing at an import.
export const NODE_FLOOR = [20, 12, 0];

export function requireNode(version = process.versions.node) {
  const have = version.split(".").map(Number);
  const older = NODE_FLOOR.findIndex((part, i) => have[i] !== part);
  if (older === -1 || have[older] > NODE_FLOOR[older]) return;
  process.stderr.write(
    `error: Node.js ${version} is too old: the workshop needs ${NODE_FLOOR.join(".")} or newer.\n` +
      `Install a current Node.js LTS (https://nodejs.org, or \`nvm install --lts\`), then run \`npm run setup\` again.\n`,
  );
  process.exit(2);
}
