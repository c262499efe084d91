// GET /events and GET /events/{id} (§11.2).

import { invalidParameter, notFound } from '../errors';
import { typeMatcher } from '../event-type-matcher';
import { arrayFilter, paginate, singleValue, timeRangeFilter } from '../list-query';
import { ok, type Route } from '../router';
import type { SimEvent } from '../wire-types';

/** The event routes. */
export const eventRoutes: Route[] = [
  {
    method: 'GET',
    path: '/events',
    handle({ query, store }) {
      const type = singleValue(query, 'type');
      const types = arrayFilter(query, 'types');
      if (type !== undefined && types !== undefined) {
        throw invalidParameter('types', "Send either 'type' or 'types', not both.");
      }
      if (types !== undefined && types.size >= 20) {
        throw invalidParameter('types', `'types' accepts fewer than 20 event types, got ${types.size}.`);
      }
      const matchesType = type === undefined ? undefined : typeMatcher(type);
      const created = timeRangeFilter(query, 'createdTime');
      const filter = (e: SimEvent): boolean =>
        (matchesType === undefined || matchesType(e.type)) &&
        (types === undefined || types.has(e.type)) &&
        (created === undefined || created(e.createdTime));
      return ok(paginate(store.events, query, filter, (e) => e));
    },
  },
  {
    method: 'GET',
    path: '/events/:id',
    handle({ params, store }) {
      const id = params['id'] ?? '';
      const event = store.events.get(id);
      if (event === undefined) throw notFound('Event', id);
      return ok(event);
    },
  },
];

