// The readable API page: renders the contract the server itself is built from.
window.ui = SwaggerUIBundle({ url: '/openapi.yaml', dom_id: '#api', deepLinking: true, persistAuthorization: true });
