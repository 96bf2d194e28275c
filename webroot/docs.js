// The readable API page: renders the contract the server itself is built from. No validator badge:
// it would send the contract's address to validator.swagger.io, an image the page's policy refuses.
window.ui = SwaggerUIBundle({ url: '/openapi.yaml', dom_id: '#api', deepLinking: true, persistAuthorization: true, validatorUrl: null });
