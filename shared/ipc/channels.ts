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
  'cases:list',
  'cases:get',
  'cases:create',
  'cases:update',
  'cases:updateClient',
  'cases:archive',
  'cases:restore',
  'cases:erase',
  'cases:assignees',
  'contacts:list',
  'contacts:get',
  'contacts:create',
  'contacts:link',
  'contacts:unlink',
  'contacts:update',
  'threats:list',
  'threats:create',
  'threats:update',
  'threats:delete',
  'evidence:list',
  'evidence:add',
  'evidence:content',
  'evidence:update',
  'evidence:delete',
  'referrals:list',
  'referrals:create',
  'referrals:update',
  'consents:list',
  'consents:create',
  'consents:withdraw',
  'notes:list',
  'notes:create',
  'notes:update',
  'notes:delete',
  'tasks:list',
  'tasks:create',
  'tasks:update',
  'audit:history',
  'audit:verify',
] as const;


export const EVENT_NAMES = ['vault:locked'] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];
