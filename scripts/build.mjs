#!/usr/bin/env node
// `npm run build` (also the prepare and prestart scripts): source/ → dist/ (scripts/buildDist.mjs). Exits
// 1 on a type error or a failed build; prints nothing when dist/ is already current.
import {buildDist} from './buildDist.mjs';

const result = buildDist();
if (result.status === 'failed') process.stderr.write(`build: ${result.message}\n`);
process.exit(result.status === 'current' || result.status === 'built' ? 0 : 1);
