// Looks ahead into a field's selection set, so a resolver can start a load its children will need.
import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * True when the field being resolved selects `path` (e.g. `['items',
 * 'cancellableQuantity']`), through fragments and inline fragments too.
 * Directives are ignored: a skipped field only costs an unused load.
 */
export function selects(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  return info.fieldNodes.some((node) => node.selectionSet !== undefined && setSelects(node.selectionSet, path, info));
}

function setSelects(set: SelectionSetNode, path: readonly string[], info: GraphQLResolveInfo): boolean {
  const [head, ...rest] = path;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== head) continue;
      if (rest.length === 0) return true;
      if (selection.selectionSet !== undefined && setSelects(selection.selectionSet, rest, info)) return true;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (setSelects(selection.selectionSet, path, info)) return true;
    } else {
      const fragment = info.fragments[selection.name.value];
      if (fragment !== undefined && setSelects(fragment.selectionSet, path, info)) return true;
    }
  }
  return false;
}
