/**
 * The passphrase of demo vaults. Fixed and published on purpose: a demo vault
 * holds only fictional data, and anyone exploring the app (or a trainer
 * handing out copies) needs to open it. Never use it for real cases.
 */
export const DEMO_PASSPHRASE = 'casekeeper demo vault — fictional data';
