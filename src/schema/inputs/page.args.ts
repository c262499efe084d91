// Paging arguments shared by the connections, validated before any upstream call.
import { ArgsType, Field, Int } from 'type-graphql';

import { BadUserInputError } from '../../errors/graphql-errors';
import { decodeCursor } from '../connection';

/** Largest page a client may ask for: one upstream page. */
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: 10, description: 'Page size, 1 to 100.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts (a previous pageInfo.endCursor).' })
  after?: string | null;
}

/** Validated paging: the upstream limit and the upstream id to start after. */
export interface UpstreamPaging {
  limit: number;
  startingAfter: string | undefined;
}

/** Checks `first` and decodes `after`; throws BAD_USER_INPUT naming the argument. */
export function toUpstreamPaging(args: PageArgs): UpstreamPaging {
  const first = args.first ?? 10;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`"first" must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`, 'first');
  }
  return { limit: first, startingAfter: args.after == null ? undefined : decodeCursor(args.after) };
}

/** The id filters of a connection, checked; `matchesNothing` when an explicit empty list was given. */
export interface CheckedIdFilters {
  ids: readonly string[] | undefined;
  upstreamIds: readonly string[] | undefined;
  /** An explicit empty list matches nothing; upstream would ignore it and list everything. */
  matchesNothing: boolean;
}

/** Checks a connection filter's `ids`, `upstreamIds` and `state` (UNKNOWN is not a filter) before any upstream call. */
export function checkListFilter(filter: { ids?: string[] | null; upstreamIds?: string[] | null; state?: string | null } | null): CheckedIdFilters {
  const ids = checkIdList(filter?.ids, 'filter.ids');
  const upstreamIds = checkIdList(filter?.upstreamIds, 'filter.upstreamIds');
  if (filter?.state === 'UNKNOWN') throw new BadUserInputError('"filter.state" cannot be UNKNOWN', 'filter.state');
  return { ids, upstreamIds, matchesNothing: ids?.length === 0 || upstreamIds?.length === 0 };
}

/** Checks an id-list filter: at most 100 non-empty ids. */
export function checkIdList(ids: readonly string[] | null | undefined, argument: string): readonly string[] | undefined {
  if (ids == null) return undefined;
  if (ids.length > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`"${argument}" accepts at most ${MAX_PAGE_SIZE} ids, got ${ids.length}`, argument);
  }
  if (ids.some((id) => id.trim() === '')) {
    throw new BadUserInputError(`"${argument}" must not contain empty ids`, argument);
  }
  return ids;
}
