import { existsSync } from 'node:fs';

/**
 * The one place that reads `process.env`: a `.env` file in the working directory is loaded
 * first when present (values already in the environment win), then the whole environment is
 * handed to config parsing.
 */
export function readEnvironment(): Record<string, string | undefined> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return { ...process.env };
}
