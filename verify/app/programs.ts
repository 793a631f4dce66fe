// Where the workshop finds a server program it runs for a lesson (redis-server, haproxy): the one
// its environment variable names, else one on PATH, else one in the usual install places.
import { existsSync } from "node:fs";
import path from "node:path";

export function findProgram(name: string, envName: string, usualPlaces: string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  const named = env[envName];
  if (named) return named;
  const onPath = (env.PATH ?? "").split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, name));
  return [...onPath, ...usualPlaces].find((file) => existsSync(file));
}
