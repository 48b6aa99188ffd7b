/** Every error the gateway itself produces: RFC 9457 problem details for API clients, a short page for browsers. */
package dev.formgate.gateway.errors;
