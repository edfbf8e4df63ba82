/**
 * List-change events a lines board needs (docs/platform.md#list-change-events): the monitored-lines
 * list (`…/presence/line`, body `{extension:[{id}], sequence}`) and the favorites list
 * (`…/favorite`, body `{extensionId}`). They say only THAT the list changed; the app refetches the
 * list over REST.
 */
import type * as t from 'io-ts'
import { arrayOf, Id, Int, struct } from './codec-kit'

export const LineRef = struct('LineRef', { id: Id })
export type LineRef = t.TypeOf<typeof LineRef>

export const LineListBody = struct(
  'LineListBody',
  { extension: arrayOf(LineRef) },
  { sequence: Int }
)
export type LineListBody = t.TypeOf<typeof LineListBody>

export const FavoritesBody = struct('FavoritesBody', { extensionId: Id })
export type FavoritesBody = t.TypeOf<typeof FavoritesBody>
