import { z } from 'zod';
import { PASSPHRASE_MAX_LENGTH } from '../passphrase-policy';
import type { ChannelName, EventName } from './channels';
import { recordsContract } from './records-contract';
import { insightsContract } from './insights-contract';
import { packetsContract } from './packets-contract';
import { ABSOLUTE_PATH, backupContract } from './backup-contract';

interface ChannelSchemas {
  input: z.ZodType;
  output: z.ZodType;
}

/**
 * The one map of every IPC channel: its input and output schemas. Electron's
 * ipcMain and the browser test host both route through `dispatch`, which
 * validates against this map. Inputs are strict objects so unknown keys (and
 * prototype-pollution attempts) are rejected rather than silently dropped.
 */

const vaultPath = z.string().trim().min(1, 'Choose where the vault is.').max(4096);
const passphrase = z.string().min(1, 'Enter the passphrase.').max(PASSPHRASE_MAX_LENGTH);
const recoveryKey = z.string().min(1, 'Enter the recovery key.').max(200);
const empty = z.strictObject({});

export const AUTO_LOCK_CHOICES_MINUTES = [1, 2, 5, 10, 15, 30, 60] as const;
export const DEFAULT_AUTO_LOCK_MINUTES = 10;
export const DEFAULT_REFERRAL_WAIT_DAYS = 30;

export const vaultStatusSchema = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('locked') }),
  z.strictObject({
    state: z.literal('unlocked'),
    path: z.string(),
    name: z.string(),
    autoLockMinutes: z.number().int(),
    /** A demo vault holds fictional data only; the UI labels it everywhere. */
    demo: z.boolean(),
  }),
]);
export type VaultStatus = z.infer<typeof vaultStatusSchema>;

export const settingsSchema = z.strictObject({
  autoLockMinutes: z.number().int().min(1).max(240),
  caseworkerName: z.string().max(200),
  /** A referral sent this many days ago without acknowledgement shows on the dashboard as waiting. */
  referralWaitDays: z.number().int().min(1).max(365),
  /** The referring organisation, printed on every referral packet. */
  organisationName: z.string().trim().max(200),
  /** How recipients reach the referring organisation (printed on packets): a work address, phone or e-mail. */
  organisationContact: z.string().trim().max(500),
  /** Folder for automatic rolling backups (a full path); '' = automatic backups off. */
  backupFolder: z.string().trim().max(4096).refine((v) => v === '' || ABSOLUTE_PATH.test(v), 'Enter the full path of the backup folder.'),
  /** How many of this vault's own backups to keep in that folder (older ones are deleted). */
  backupKeep: z.number().int().min(1).max(100),
  /** An automatic backup is made while unlocked once the last one is this old. */
  backupIntervalHours: z.number().int().min(1).max(24 * 30),
  /** Warn when the last backup is older than this many days; 0 = never warn. */
  backupWarnDays: z.number().int().min(0).max(365),
});
export type Settings = z.infer<typeof settingsSchema>;

export const vaultInfoSchema = z.strictObject({
  path: z.string(),
  formatVersion: z.number().int(),
  schemaVersion: z.number().int(),
  cipher: z.string(),
  kdf: z.strictObject({
    algorithm: z.literal('argon2id'),
    memoryKiB: z.number().int(),
    iterations: z.number().int(),
    parallelism: z.number().int(),
  }),
  createdAt: z.string(),
  hasRecoveryKey: z.boolean(),
});
export type VaultInfo = z.infer<typeof vaultInfoSchema>;

export const recentVaultSchema = z.strictObject({
  path: z.string(),
  lastOpenedAt: z.string(),
});
export type RecentVault = z.infer<typeof recentVaultSchema>;

export const contract = {
  'app:info': {
    input: empty,
    output: z.strictObject({
      version: z.string(),
      platform: z.string(),
      /** Whether a native file chooser exists (Electron) or paths are typed (browser host). */
      nativeDialogs: z.boolean(),
      defaultVaultFolder: z.string(),
    }),
  },
  'dialog:chooseVaultLocation': {
    input: z.strictObject({ purpose: z.enum(['create', 'open']) }),
    output: z.strictObject({ path: z.string().nullable() }),
  },
  'vault:status': { input: empty, output: vaultStatusSchema },
  'vault:create': {
    input: z.strictObject({
      path: vaultPath,
      passphrase,
      withRecoveryKey: z.boolean(),
    }),
    output: z.strictObject({
      status: vaultStatusSchema,
      /** Shown once. Never stored in plaintext anywhere. */
      recoveryKey: z.string().nullable(),
    }),
  },
  'vault:createDemo': {
    /** Where to create it; without a path, a new folder in the system's temp folder. */
    input: z.strictObject({ path: vaultPath.optional() }),
    output: z.strictObject({ status: vaultStatusSchema, passphrase: z.string() }),
  },
  'vault:unlock': {
    input: z.strictObject({ path: vaultPath, passphrase }),
    output: vaultStatusSchema,
  },
  'vault:unlockWithRecoveryKey': {
    input: z.strictObject({ path: vaultPath, recoveryKey, newPassphrase: passphrase }),
    output: vaultStatusSchema,
  },
  'vault:lock': { input: empty, output: vaultStatusSchema },
  'vault:changePassphrase': {
    input: z.strictObject({ currentPassphrase: passphrase, newPassphrase: passphrase }),
    output: z.strictObject({ changedAt: z.string() }),
  },
  'vault:replaceRecoveryKey': {
    input: z.strictObject({ currentPassphrase: passphrase }),
    output: z.strictObject({ recoveryKey: z.string() }),
  },
  'vault:removeRecoveryKey': {
    input: z.strictObject({ currentPassphrase: passphrase }),
    output: z.strictObject({ removed: z.boolean() }),
  },
  'vault:info': { input: empty, output: vaultInfoSchema },
  'vault:recent': { input: empty, output: z.array(recentVaultSchema) },
  'vault:forgetRecent': {
    input: z.strictObject({ path: vaultPath }),
    output: z.array(recentVaultSchema),
  },
  /** Removes a folder left by a restore that did not finish (and nothing else); forgets it from the recent list. */
  'vault:removeIncompleteRestore': {
    input: z.strictObject({ path: vaultPath }),
    output: z.strictObject({ removed: z.literal(true) }),
  },
  'settings:get': { input: empty, output: settingsSchema },
  'settings:update': { input: settingsSchema.partial().strict(), output: settingsSchema },
  'session:activity': { input: empty, output: z.strictObject({ lockAt: z.string().nullable() }) },
  ...recordsContract,
  ...insightsContract,
  ...packetsContract,
  ...backupContract,
} as const satisfies Record<ChannelName, ChannelSchemas>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;
export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(contract, value);
}

/** Events pushed from main to the renderer (no input validation needed in main). */
export const eventContract = {
  'vault:locked': z.strictObject({
    reason: z.enum(['user', 'idle', 'suspend', 'screen-lock', 'shutdown']),
  }),
} as const satisfies Record<EventName, z.ZodType>;
export type EventChannel = keyof typeof eventContract;
export type EventPayload<E extends EventChannel> = z.output<(typeof eventContract)[E]>;
export const EVENT_CHANNELS = Object.keys(eventContract) as EventChannel[];

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(eventContract, value);
}
