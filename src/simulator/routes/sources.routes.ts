// GET /sources/{id} (§5.1): the full source, `clientSecret` included, as upstream sends it.

import { notFound } from '../errors';
import { ok, type Route } from '../router';

/** The source route. */
export const sourceRoutes: Route[] = [
  {
    method: 'GET',
    path: '/sources/:id',
    handle({ params, store }) {
      const id = params['id'] ?? '';
      const source = store.sources.get(id);
      if (source === undefined) throw notFound('Source', id);
      return ok(source);
    },
  },
];
