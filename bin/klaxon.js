#!/usr/bin/env node
// `npx klaxon <command>`: runs the compiled CLI (build first with `npm run build`).
import '../dist/src/cli/main.js';
