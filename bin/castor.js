#!/usr/bin/env node
// The bundled CLI (npm run build writes out/main/cli.js).
import '../out/main/cli.js'
