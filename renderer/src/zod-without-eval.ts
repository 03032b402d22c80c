import { z } from 'zod';

// Zod probes `new Function` to compile faster parsers; our CSP forbids eval, and the caught
// probe still reports a violation. This module is imported first, because the contract
// builds its schemas as soon as it is loaded.
z.config({ jitless: true });
