// Swagger UI's start-up for /docs (serve/docs.py), a file rather than an inline script so the
// page runs under a Content-Security-Policy without 'unsafe-inline'. Everything comes from this
// server: the schema, the script and the style; no validator badge (it would call out), and a
// token given to "Authorize" stays in memory (persistAuthorization off: not in localStorage).
"use strict";
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  layout: "BaseLayout",
  deepLinking: true,
  validatorUrl: null,
  persistAuthorization: false,
});
