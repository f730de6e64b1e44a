#!/usr/bin/env node
// `npx klaxon <command>` and `npm start`: runs the TypeScript sources through tsx's loader, so a
// fresh clone works right after `npm install` with no build step, the sources you run are always
// the ones you see, and two processes started from one checkout never race on a shared dist/.
// (`npm run build` still compiles to dist/ for anyone who wants to run plain JavaScript.)
import { register } from 'tsx/esm/api';

register();
await import('../app/cli/main.ts');
