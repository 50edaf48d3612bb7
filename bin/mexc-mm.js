#!/usr/bin/env node
// Runs the TypeScript CLI through tsx (a runtime dependency), so `npx mexc-mm` needs no build step.
import {register} from 'tsx/esm/api';
register();
await import('../source/cli.tsx');
