/** The only public entry of Formgate: routes to the services, resolves the client address, serves the demo page. */
package dev.formgate.gateway;
