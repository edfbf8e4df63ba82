/**
 * The seam between the transport platform and the simulated call centre: the platform only needs
 * to know which account exists, which extensions can log in, and how to resolve `~`.
 */

/**
 * Spec `AllExtensionTypesEnum` (docs/platform.md#extensions), open-ended for types we do not list.
 */
export type ExtensionType =
  | 'User'
  | 'Department'
  | 'ParkLocation'
  | 'Announcement'
  | 'Voicemail'
  | 'DigitalUser'
  | 'VirtualUser'
  | 'FaxUser'
  | 'PagingOnly'
  | 'SharedLinesGroup'
  | 'DelegatedLinesGroup'
  | 'GroupCallPickup'
  | 'IvrMenu'
  | 'ApplicationExtension'
  | 'Limited'
  | 'Bot'
  | 'Site'
  | 'Room'
  | 'Unknown'

export type ExtensionStatus = 'Enabled' | 'Disabled' | 'Frozen' | 'NotActivated' | 'Unassigned'

export interface Ext {
  readonly id: string
  readonly extensionNumber: string
  readonly name: string
  readonly type: ExtensionType
  readonly status: ExtensionStatus
}

export interface AccountDirectory {
  readonly accountId: string
  findExtension(id: string): Ext | undefined
  extensions(): ReadonlyArray<Ext>
}

/** A fixed directory, for tests and for standalone runs without a call centre. */
export function staticDirectory(accountId: string, exts: ReadonlyArray<Ext>): AccountDirectory {
  const byId = new Map(exts.map((e) => [e.id, e]))
  return {
    accountId,
    findExtension: (id: string): Ext | undefined => byId.get(id),
    extensions: (): ReadonlyArray<Ext> => exts
  }
}

/** Finds an extension by id or by extension number (used for `login_hint`). */
export function findByIdOrNumber(dir: AccountDirectory, key: string): Ext | undefined {
  return dir.findExtension(key) ?? dir.extensions().find((e) => e.extensionNumber === key)
}

/**
 * Only enabled User-like extensions may log in (OAU-141 otherwise, docs/platform.md#oauth-errors).
 */
export function canLogIn(ext: Ext): boolean {
  return ext.status === 'Enabled' && (ext.type === 'User' || ext.type === 'DigitalUser')
}

/** Small default directory so `createPlatform()` works standalone. */
export function demoDirectory(): AccountDirectory {
  return staticDirectory('400000001', [
    { id: '400000101', extensionNumber: '101', name: 'Ada Agent', type: 'User', status: 'Enabled' },
    { id: '400000102', extensionNumber: '102', name: 'Bo Agent', type: 'User', status: 'Enabled' },
    {
      id: '400000103',
      extensionNumber: '103',
      name: 'Cy Supervisor',
      type: 'User',
      status: 'Enabled'
    },
    {
      id: '400000801',
      extensionNumber: '801',
      name: 'Park 1',
      type: 'ParkLocation',
      status: 'Enabled'
    }
  ])
}
