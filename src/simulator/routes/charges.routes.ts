// GET /charges/{id} (§4.1): the full charge; there is no charge list upstream.

import { notFound } from '../errors';
import { ok, type Route } from '../router';

/** The charge route. */
export const chargeRoutes: Route[] = [
  {
    method: 'GET',
    path: '/charges/:id',
    handle({ params, store }) {
      const id = params['id'] ?? '';
      const charge = store.charges.get(id);
      if (charge === undefined) throw notFound('Charge', id);
      return ok(charge);
    },
  },
];
