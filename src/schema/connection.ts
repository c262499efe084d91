// Relay connections over upstream's id cursors: PageInfo, a Connection/Edge factory and cursor encoding.
import { type ClassType, Field, ObjectType } from 'type-graphql';

import { BadUserInputError } from '../errors/graphql-errors';

@ObjectType({ description: 'Where a page sits in the whole list.', simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean, { description: 'True when more items follow endCursor.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'True when the page was asked for after a cursor, so items precede it.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

/** The shape every connection resolver returns. */
export interface ConnectionShape<T> {
  edges: Array<{ cursor: string; node: T }>;
  nodes: T[];
  pageInfo: PageInfo;
}

/** Creates `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function createConnectionType<T extends object>(name: string, Node: ClassType<T>, what: string): ClassType<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`, { description: `One ${what} and its cursor.`, simpleResolvers: true })
  class Edge {
    @Field(() => String, { description: 'Opaque cursor of this item.' })
    cursor!: string;

    @Field(() => Node, { description: `The ${what}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${what}s, newest first.`, simpleResolvers: true })
  class Connection {
    @Field(() => [Edge], { description: 'Items with their cursors.' })
    edges!: Edge[];

    @Field(() => [Node], { description: 'The items alone.' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Paging information.' })
    pageInfo!: PageInfo;
  }
  return Connection;
}

const CURSOR_PREFIX = 'v1:';

/** Encodes an upstream object id as an opaque cursor. */
export function encodeCursor(id: string): string {
  return Buffer.from(CURSOR_PREFIX + id, 'utf8').toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor}; throws BAD_USER_INPUT for anything else. */
export function decodeCursor(cursor: string, argument = 'after'): string {
  const decoded = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!decoded.startsWith(CURSOR_PREFIX) || decoded.length === CURSOR_PREFIX.length) {
    throw new BadUserInputError(`"${argument}" must be a cursor returned by this API (pageInfo.endCursor), got "${cursor}"`, argument);
  }
  return decoded.slice(CURSOR_PREFIX.length);
}

/** Builds a connection from one upstream page. */
export function toConnection<T>(nodes: T[], idOf: (node: T) => string, hasMore: boolean, after: string | undefined): ConnectionShape<T> {
  const edges = nodes.map((node) => ({ cursor: encodeCursor(idOf(node)), node }));
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage: hasMore,
      hasPreviousPage: after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
