import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** One interface per table; the Database type is assembled from them. */
export interface SettingsTable {
  key: string;
  /** JSON-encoded value. */
  value: string;
  updated_at: string;
}

export interface VaultMetaTable {
  key: string;
  value: string;
}

export interface Database {
  settings: SettingsTable;
  vault_meta: VaultMetaTable;
}

export type SettingRow = Selectable<SettingsTable>;
export type NewSettingRow = Insertable<SettingsTable>;
export type SettingUpdate = Updateable<SettingsTable>;
export type { Generated };
