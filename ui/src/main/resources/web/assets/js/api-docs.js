// The API description (/api/openapi.json) rendered for people by Swagger UI, served from its WebJar.
// "Try it out" calls go out with the page's session, and changes carry its CSRF token.
import { session } from './api.js';

const me = await session().catch(() => null);
window.SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  requestInterceptor: (request) => {
    if (me && me.csrf_token && request.method !== 'GET') request.headers['X-CSRF-Token'] = me.csrf_token;
    return request;
  },
});
