/**
 * Channel names only, without schemas, so the sandboxed preload can carry
 * its allow-list without bundling zod. `contract.ts` is checked against
 * these lists at compile time.
 */
export const CHANNEL_NAMES = [
  'app:info',
  'dialog:chooseVaultLocation',
  'vault:status',
  'vault:create',
  'vault:unlock',
  'vault:unlockWithRecoveryKey',
  'vault:lock',
  'vault:changePassphrase',
  'vault:replaceRecoveryKey',
  'vault:removeRecoveryKey',
  'vault:info',
  'vault:recent',
  'vault:forgetRecent',
  'settings:get',
  'settings:update',
  'session:activity',
] as const;

export const EVENT_NAMES = ['vault:locked'] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];
